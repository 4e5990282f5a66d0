// Copy-paste set-up for each monitoring sender (issue 16), shown on the service page with a new key: what to put in
// Alertmanager's configuration, Grafana's contact point (its provisioning file, or the fields in its UI), an
// Opsgenie-style sender, a PagerDuty Events v2 sender and the generic route. The Alertmanager ones are what the
// real-Alertmanager test (e2e/api/alertmanager-peer.test.ts) configures its receivers with.

export const SENDERS = ["alertmanager", "grafana", "opsgenie", "events_v2", "generic"] as const;
export type Sender = (typeof SENDERS)[number];

export const SENDER_LABELS: Record<Sender, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana",
  opsgenie: "Opsgenie-style sender",
  events_v2: "PagerDuty Events v2 sender",
  generic: "Any JSON (generic)",
};

export interface Snippet {
  title: string;
  /** The language the text is in, for its label: yaml, shell, text. */
  language: "yaml" | "shell" | "text";
  text: string;
}

/** A YAML scalar that stays one string whatever it holds. */
const yamlString = (value: string) => JSON.stringify(value);
/** A shell word in single quotes. */
const shellWord = (value: string) => `'${value.replaceAll("'", `'"'"'`)}'`;

export interface SnippetInput {
  /** Conn's public origin, e.g. https://conn.example.com. */
  origin: string;
  secret: string;
  /** The key has a signing secret: Grafana must sign (the secret itself is the admin's, not shown here). */
  signed?: boolean;
}

/** Alertmanager's receiver for Conn's webhook route: the key in `http_config.authorization` (Bearer). */
export function alertmanagerReceiver({ origin, secret }: SnippetInput, name = "conn"): string {
  return `receivers:
  - name: ${yamlString(name)}
    webhook_configs:
      - url: ${yamlString(`${origin}/api/v1/alerts/alertmanager`)}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${yamlString(secret)}
`;
}

/** Alertmanager's own Opsgenie notifier pointed at Conn: only `api_url` changes. */
export function alertmanagerOpsgenieReceiver({ origin, secret }: SnippetInput, name = "conn-opsgenie", priority = "P1"): string {
  return `receivers:
  - name: ${yamlString(name)}
    opsgenie_configs:
      - api_url: ${yamlString(`${origin}/api/v1/alerts/opsgenie/`)}
        api_key: ${yamlString(secret)}
        priority: ${yamlString(priority)}
`;
}

export function senderSnippets(sender: Sender, input: SnippetInput): Snippet[] {
  const { origin, secret } = input;
  const json = (path: string, header: string, body: unknown) =>
    `curl -sS -X POST ${shellWord(`${origin}${path}`)} \\\n  -H ${shellWord(header)} \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellWord(JSON.stringify(body))}`;
  switch (sender) {
    case "alertmanager":
      return [
        { title: "alertmanager.yml: a receiver (route the alerts you want to it)", language: "yaml", text: alertmanagerReceiver(input) },
        {
          title: "Try it without Alertmanager",
          language: "shell",
          text: json("/api/v1/alerts/alertmanager", `Authorization: Bearer ${secret}`, {
            version: "4",
            status: "firing",
            alerts: [{ status: "firing", labels: { alertname: "ConnTest", severity: "info" }, annotations: { summary: "Test from curl" } }],
          }),
        },
      ];
    case "grafana":
      return [
        {
          title: "Grafana: Alerting → Contact points → Webhook",
          language: "text",
          text: [
            `URL: ${origin}/api/v1/alerts/grafana`,
            "HTTP Method: POST",
            "Authorization Header → Scheme: Bearer",
            `Authorization Header → Credentials: ${secret}`,
            ...(input.signed ? ["HMAC Signature → Secret: the signing secret you set on this key", "HMAC Signature → Timestamp Header: X-Grafana-Alerting-Signature-Timestamp"] : []),
          ].join("\n"),
        },
        {
          title: "Or provision it (provisioning/alerting/conn.yaml)",
          language: "yaml",
          text: `apiVersion: 1
contactPoints:
  - orgId: 1
    name: Conn
    receivers:
      - uid: conn-webhook
        type: webhook
        settings:
          url: ${yamlString(`${origin}/api/v1/alerts/grafana`)}
          httpMethod: POST
          authorization_scheme: Bearer
          authorization_credentials: ${yamlString(secret)}
${input.signed ? "          hmacConfig:\n            secret: \"<the signing secret you set on this key>\"\n            timestampHeader: X-Grafana-Alerting-Signature-Timestamp\n" : ""}`,
        },
      ];
    case "opsgenie":
      return [
        { title: "Alertmanager's Opsgenie notifier, pointed at Conn", language: "yaml", text: alertmanagerOpsgenieReceiver(input) },
        {
          title: "Any Opsgenie API client: change the base URL to",
          language: "text",
          text: `${origin}/api/v1/alerts/opsgenie/\nAuthorization: GenieKey ${secret}`,
        },
        { title: "Try it", language: "shell", text: json("/api/v1/alerts/opsgenie/v2/alerts", `Authorization: GenieKey ${secret}`, { message: "Test from curl", alias: "conn-curl-test", priority: "P5" }) },
      ];
    case "events_v2":
      return [
        { title: "Events API v2: send to this URL, with the key as routing_key", language: "text", text: `${origin}/api/v1/alerts/events\nrouting_key: ${secret}` },
        {
          title: "Try it",
          language: "shell",
          text: json("/api/v1/alerts/events", "Accept: application/json", { routing_key: secret, event_action: "trigger", dedup_key: "conn-curl-test", payload: { summary: "Test from curl", source: "curl", severity: "info" } }),
        },
        {
          title: "Change events (a deploy pipeline's PagerDuty change step): the same key, this URL",
          language: "shell",
          text: json("/api/v1/alerts/events/change", "Accept: application/json", {
            routing_key: secret,
            payload: { summary: "Deployed from curl", source: "curl", custom_details: { kind: "deploy", version: "v0.0.1" } },
            links: [{ href: "https://ci.example.com/builds/1", text: "The build" }],
          }),
        },
      ];
    case "generic":
      return [
        {
          title: "Any JSON: POST it with the key; set the key's mapping if your fields are named otherwise",
          language: "shell",
          text: json("/api/v1/alerts/generic", `Authorization: Bearer ${secret}`, { summary: "Test from curl", dedup_key: "conn-curl-test", status: "firing", severity: "info", labels: { env: "test" } }),
        },
      ];
  }
}

export interface HeartbeatSnippetInput extends SnippetInput {
  id: string;
  name: string;
}

/**
 * What a job pings a heartbeat with, shown with the heartbeat's new key: curl after each successful run (`-f` so a
 * failed ping fails the job's last step, `--retry` for a blip), and Opsgenie's heartbeat ping for a client that already
 * speaks it. The real-shell test (e2e/api/heartbeats.test.ts) runs the shell ones.
 */
export function heartbeatSnippets({ origin, secret, id, name }: HeartbeatSnippetInput): Snippet[] {
  const url = `${origin}/api/v1/heartbeats/${encodeURIComponent(id)}/ping`;
  const curl = `curl -fsS -m 10 --retry 3 -X POST ${shellWord(url)} -H ${shellWord(`Authorization: Bearer ${secret}`)}`;
  return [
    { title: "Ping after each successful run (the last step of the job)", language: "shell", text: curl },
    { title: "crontab: a nightly job that pings only when it succeeds", language: "text", text: `0 2 * * * /usr/local/bin/nightly-job && ${curl}` },
    {
      title: "An Opsgenie heartbeat client: ping by name",
      language: "shell",
      text: `curl -fsS -m 10 -X POST ${shellWord(`${origin}/api/v1/alerts/opsgenie/v2/heartbeats/${encodeURIComponent(name)}/ping`)} -H ${shellWord(`Authorization: GenieKey ${secret}`)}`,
    },
  ];
}
