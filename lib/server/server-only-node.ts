// `server-only` for plain Node (the custom server, scripts, tests): there is no
// client bundle to guard outside Next, so the import is a no-op. Inside Next
// the real package still turns a client import into a build error.
export {};
