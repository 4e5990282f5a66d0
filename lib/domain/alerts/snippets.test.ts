import { describe, expect, it } from "vitest";
import { alertmanagerReceiver, SENDERS, senderSnippets } from "./snippets";

const input = { origin: "https://conn.example.test", secret: "conn_ik_abc-DEF_123" };

describe("sender snippets", () => {
  it("every sender gets set-up text naming its route and carrying the key", () => {
    for (const sender of SENDERS) {
      const text = senderSnippets(sender, input)
        .map((s) => s.text)
        .join("\n");
      expect(text, sender).toContain(input.secret);
      expect(text, sender).toMatch(/https:\/\/conn\.example\.test\/api\/v1\/alerts\//);
    }
  });

  it("quotes what it interpolates: YAML strings stay strings, shell words stay words", () => {
    const odd = { origin: "http://h:3000", secret: `k'"#: x` };
    expect(alertmanagerReceiver(odd)).toContain(`credentials: ${JSON.stringify(odd.secret)}`);
    const curl = senderSnippets("generic", odd)[0]!.text;
    expect(curl).toContain(`-H 'Authorization: Bearer k'"'"'"#: x'`);
  });

  it("tells Grafana to sign only when the key is signed", () => {
    expect(senderSnippets("grafana", input).map((s) => s.text).join()).not.toMatch(/HMAC|hmacConfig/);
    expect(senderSnippets("grafana", { ...input, signed: true }).map((s) => s.text).join()).toMatch(/X-Grafana-Alerting-Signature-Timestamp/);
  });
});
