import "server-only";
// Where a webhook may point. An admin types the URL, and the server then POSTs to
// it: by default only https to a public address, so a channel cannot be used to
// reach the server's own network (loopback, private ranges, cloud metadata).
// Checked when the channel is saved and again before every delivery (DNS may
// have changed). CONN_WEBHOOK_ALLOW_PRIVATE=1 allows http and private addresses.
import { lookup } from "node:dns/promises";
import { isPrivateAddress } from "@/lib/domain/pages";
import { env } from "../env";

/** Why this URL may not receive webhooks, or null when it may. */
export async function refuseWebhookUrl(url: string): Promise<string | null> {
  if (env().CONN_WEBHOOK_ALLOW_PRIVATE) return null;
  const u = new URL(url);
  if (u.protocol !== "https:") return "must be https";
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return "host not found";
  }
  if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
    return "points to a private or loopback address (CONN_WEBHOOK_ALLOW_PRIVATE=1 allows it)";
  }
  return null;
}
