"""The test suite's one static site server: ``python site_server.py FOLDER PREFIX``.

Serves FOLDER under the URL path PREFIX ("/x/") on 127.0.0.1, on a free port
that it prints on its first line; anything outside PREFIX is a 404, as on the
site's real host. A request whose path holds ``/__no-answer__/`` is accepted
and never answered, a network that stalls, for tests that need a live app to
stay "loading".

It runs in its own process (``conftest.serve_folder`` starts it): inside the
test process it would compete with Playwright's client for the interpreter
and slow every page load.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from urllib.parse import urlsplit

NO_ANSWER = "/__no-answer__/"


def main(folder: str, prefix: str) -> None:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(prefix):
                return folder + "/does-not-exist"
            return super().translate_path("/" + path[len(prefix):])

        def do_GET(self):
            if NO_ANSWER in self.path:
                threading.Event().wait()  # hold the connection open, say nothing
            super().do_GET()

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # the browser drops connections it no longer needs

    server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
