// The port a `tokenpass --headless --port 0` child listens on, read from its "listening on" line
// on stderr. Shared by the Node end-to-end tests (tests/clients, tests/oauth-clients); each run
// script copies this file next to its own scripts.
export function listeningPort(server, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${text}`)), timeoutMs);
    server.stderr.on('data', (chunk) => {
      text += chunk;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    server.on('exit', (code) => reject(new Error(`tokenpass exited with ${code}: ${text}`)));
  });
}
