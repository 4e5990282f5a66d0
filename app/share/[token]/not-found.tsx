// Every refused share link looks the same: whether it expired, was revoked, was
// mistyped or its incident became private is none of the holder's business.
export default function ShareLinkExpired() {
  return (
    <div className="mx-auto max-w-md space-y-3 py-16 text-center" data-testid="share-expired">
      <h1 className="text-2xl font-bold">This link has expired or was revoked</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Share links to an incident summary work for a limited time and can be withdrawn by the incident commander. Ask the person who
        sent it to you for a new link.
      </p>
    </div>
  );
}
