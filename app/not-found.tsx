import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing here, or you do not have access to it.</p>
      <Link href="/incidents" className="mt-4 inline-block underline">
        Back to incidents
      </Link>
    </main>
  );
}
