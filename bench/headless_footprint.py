#!/usr/bin/env python3
"""Footprint of the headless server beside the GUI app, in one run (issue 19, "Lean headless").

For three programs, each started fresh on its own data folder and free port, interleaved:
  footprint_floor      the smallest server on tokenpassd's stack (bench/floor/FootprintFloor.cpp)
  tokenpassd           the headless server
  tokenpass --headless the GUI binary, which execs tokenpassd
it measures the time from process start to the first 200 on GET /api/status and the RSS right
after (VmRSS, split into anonymous memory and touched pages of shared libraries). Then:
  tokenpassd RSS after 100,000 signs (POST /api/sign, 4 keep-alive connections), right after
  and 3 s later (app/Application gives freed heap pages back once the API has been quiet 2 s);
  the GUI app (--minimized, an existing locked wallet, in a real tray: Xvfb + trayer when installed):
  RSS after start and its wake-ups while idle for 30 s, 40 s after start (context switches of all its threads);
  ldd of tokenpassd: no libQt6Widgets or libQt6Gui.
Targets (issue 19): RSS after start <= 16 MB, after 100,000 signs <= 20 MB, start-up median
<= 35 ms, GUI app <= 35 MB and 0 wake-ups in 30 s idle. The figures are printed, not asserted.

    python3 bench/headless_footprint.py [build-dir] [starts]
"""
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_time import free_port, status_ok  # noqa: E402  (one way to poll, shared)

PASSWORD = "footprint password"


def memory(pid):
    """VmRSS, RssAnon and RssFile of a process, in MB."""
    fields = {}
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def wakeups(pid):
    """Context switches of every thread of a process so far."""
    total = 0
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/status" % (pid, task)) as status:
            for line in status:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    return total


def start(command, data, port, env=None):
    """Starts a server; returns the process and the ms from start to the first 200."""
    began = time.monotonic()
    proc = subprocess.Popen(command + ["--data-dir", data, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not status_ok(port):
        if proc.poll() is not None:
            raise SystemExit("%s exited during start-up" % command[0])
        if time.monotonic() - began > 20:
            proc.kill()
            raise SystemExit("%s: no 200 on /api/status within 20 s" % command[0])
        time.sleep(0.001)
    return proc, (time.monotonic() - began) * 1000


def stop(proc):
    proc.terminate()
    proc.wait()


def post(port, path, body, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request("POST", path, json.dumps(body), headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit("%s answered %d: %s" % (path, response.status, payload[:200]))
    return json.loads(payload)


def sign_many(port, token, count, connections=4):
    body = json.dumps({"message": "footprint message"})
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
    failures = []

    def worker(n):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(n):
            connection.request("POST", "/api/sign", body, headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
                return
        connection.close()

    threads = [threading.Thread(target=worker, args=(count // connections,)) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("a sign request answered %d" % failures[0])


def gui_environment():
    """An X display with a tray host (Xvfb + trayer) when both are installed, so the app sits in a
    real tray; else offscreen, where the app looks for a tray once a second (not idle)."""
    if not (shutil.which("Xvfb") and shutil.which("trayer")):
        return dict(os.environ, QT_QPA_PLATFORM="offscreen"), {"what": "offscreen, no tray host", "processes": []}
    display = ":%d" % (90 + os.getpid() % 100)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    trayer = subprocess.Popen(["trayer", "--edge", "top"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return env, {"what": "Xvfb with trayer as tray host", "processes": [trayer, xvfb]}


def describe(name, times, rss):
    print("%-22s start-up median %5.0f ms (best %4.0f)   RSS %5.1f MB = anon %4.1f + shared-lib pages %4.1f"
          % (name, statistics.median(times), min(times), rss["VmRSS"], rss["RssAnon"], rss["RssFile"]))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    starts = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    programs = [("footprint_floor", [build + "/bench/footprint_floor"]),
                ("tokenpassd", [build + "/app/tokenpassd"]),
                ("tokenpass --headless", [build + "/app/tokenpass", "--headless"])]
    times = {name: [] for name, _ in programs}
    rss = {}
    for _ in range(starts):
        for name, command in programs:
            with tempfile.TemporaryDirectory() as data:
                proc, ms = start(command, data, free_port())
                times[name].append(ms)
                time.sleep(0.2)  # let start-up work that follows the first answer settle
                rss[name] = memory(proc.pid)
                stop(proc)
    print("load average: %s, %d cores" % (" ".join(open("/proc/loadavg").read().split()[:3]), os.cpu_count()))
    for name, _ in programs:
        describe(name, times[name], rss[name])

    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        proc, _ = start([build + "/app/tokenpassd"], data, port)
        post(port, "/api/register", {"password": PASSWORD})
        token = post(port, "/api/auth", {"host": "footprint.example", "password": PASSWORD,
                                         "scopes": ["sign"]})["accessToken"]
        began = time.monotonic()
        sign_many(port, token, 100_000)
        seconds = time.monotonic() - began
        right_after = memory(proc.pid)["VmRSS"]
        time.sleep(3)  # the app gives freed heap pages back 2 s after the API goes quiet
        print("tokenpassd after 100,000 signs (%.0f s): RSS %.1f MB right after, %.1f MB 3 s later"
              % (seconds, right_after, memory(proc.pid)["VmRSS"]))
        stop(proc)

        # The GUI app on the same (now locked) wallet, as it starts at login, in the tray.
        env, display = gui_environment()
        gui, _ = start([build + "/app/tokenpass", "--minimized"], data, free_port(), env)
        try:
            time.sleep(3)
            print("GUI app (--minimized, %s, locked wallet): RSS %.1f MB" % (display["what"], memory(gui.pid)["VmRSS"]))
            time.sleep(37)  # one-off timers of the start-up fire within about 30 s; idle starts after
            before = wakeups(gui.pid)
            time.sleep(30)
            print("GUI app idle for 30 s: %d wake-ups (context switches of all its threads)"
                  % (wakeups(gui.pid) - before))
        finally:
            stop(gui)
            for helper in display["processes"]:
                helper.terminate()
                helper.wait()

    libraries = subprocess.run(["ldd", build + "/app/tokenpassd"], capture_output=True, text=True).stdout
    gui_libraries = [line.split()[0] for line in libraries.splitlines() if "Qt6Widgets" in line or "Qt6Gui" in line]
    print("ldd tokenpassd: %s" % (", ".join(gui_libraries) if gui_libraries else "no Qt6Widgets, no Qt6Gui"))


if __name__ == "__main__":
    main()
