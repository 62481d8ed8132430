#!/usr/bin/env python3
"""Start-up time of `tokenpass --headless` (issue 5, "Performance"): from process start to the
first 200 on GET /api/status, on a fresh data folder and a free port each run. Polls with a plain
socket every millisecond (spawning curl per poll would add its own start-up to the figure).
Prints every run, then the best and the median. Target on the 2-core reference machine: 150 ms.

    python3 bench/startup_time.py [path/to/tokenpass] [runs]
"""
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def one_run(binary):
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        start = time.monotonic()
        proc = subprocess.Popen([binary, "--headless", "--data-dir", data, "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not status_ok(port):
                if proc.poll() is not None:
                    raise SystemExit("tokenpass exited during start-up")
                if time.monotonic() - start > 20:
                    raise SystemExit("no 200 on /api/status within 20 s")
                time.sleep(0.001)
            return (time.monotonic() - start) * 1000
        finally:
            proc.terminate()
            proc.wait()


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/app/tokenpass"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    times = [one_run(binary) for _ in range(runs)]
    print("start-up runs (ms): " + " ".join("%.0f" % t for t in times))
    print("start-up to first 200 on /api/status: best %.0f ms, median %.0f ms" % (min(times), statistics.median(times)))


if __name__ == "__main__":
    main()
