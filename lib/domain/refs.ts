// One ID everywhere: INC-1234 names the chat channel, the bridge and hotfix branches.

const REF_PATTERN = /^INC-(\d{1,9})$/i;

export function incidentRef(number: number): string {
  return `INC-${number}`;
}

/** The incident number of a ref (`INC-12` or `inc-12`), or null if it is not one. */
export function parseIncidentRef(ref: string): number | null {
  const match = REF_PATTERN.exec(ref.trim());
  return match ? Number(match[1]) : null;
}

function slugify(text: string, maxLength: number): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

/** The conventional names derived from a ref, offered for copy on the incident page. */
export function conventionalNames(number: number, title: string) {
  const ref = incidentRef(number);
  const slug = slugify(title, 40);
  return {
    channel: `#inc-${number}`,
    bridge: `${ref} – ${title}`,
    branch: slug ? `hotfix/${ref}-${slug}` : `hotfix/${ref}`,
  };
}
