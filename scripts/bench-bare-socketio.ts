// The baseline for `npm run bench:realtime`: a bare socket.io server (no auth,
// no database, no Next) with the same fan-out as Conn's — one room, one
// `io.to(room).emit` per write — so the bench can tell Conn's own cost (HTTP
// routing, auth, Postgres commit) from the cost of socket.io itself.
//
//   node --import tsx scripts/bench-bare-socketio.ts <port>
//
// POST /broadcast with a JSON event: emitted as `incident.timeline.entry_added`
// to every socket that joined, then answered 201 (Conn also publishes before it
// answers). Prints "ready <port>" when listening. Exits when its parent closes
// stdin, so it never outlives the bench.
import http from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 3201);
const ROOM = "bench";
const MAX_BODY = 64 * 1024;

const httpServer = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/broadcast") {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(chunk);
  });
  req.on("end", () => {
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    io.to(ROOM).emit("incident.timeline.entry_added", payload);
    res.writeHead(201, { "content-type": "application/json" }).end("{}");
  });
});

// Same options as Conn's server where they bear on delivery (perMessageDeflate stays at its default, off).
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, serveClient: false });

// The same join handshake as Conn (event and ack shape), minus the authorization.
io.on("connection", (socket) => {
  socket.on("incident:join", async (_payload: unknown, ack?: (reply: { ok: true; lastSeq: number }) => void) => {
    await socket.join(ROOM);
    if (typeof ack === "function") ack({ ok: true, lastSeq: 0 });
  });
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  io.disconnectSockets(true);
  io.close(() => process.exit(0));
  // Never hang on a lingering connection.
  setTimeout(() => process.exit(0), 2000).unref();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
// The parent holds our stdin: when it ends (exit, crash, kill -9), so do we.
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();

httpServer.listen(port, "127.0.0.1", () => {
  process.stdout.write(`ready ${port}\n`);
});
httpServer.on("error", (error) => {
  console.error(`bench-bare-socketio: ${error.message}`);
  process.exit(1);
});
