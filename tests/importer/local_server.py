"""A real HTTP server on 127.0.0.1 for the URL import tests (http.server in a
thread). Every route is bounded in time, and the server stops with the test."""

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer

import threading
import time


PLAN_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Kế hoạch 63/KH-KHCN tổ chức Tháng hành động vì trẻ em năm 2024</title></head>
<body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a>
</li><li><a href="/tt">Tin tức</a></li><li><a href="/vb">Văn bản</a></li></ul></nav>
<div class="banner">Thứ Hai, 17/06/2024 08:30</div></header>
<main><article>
<table><tr><td><p>UBND TỈNH BẮC GIANG</p><p><b>{body}</b></p><p>Số: 63/KH-KHCN</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
<p><b>Độc lập - Tự do - Hạnh phúc</b></p>
<p><i>Bắc Giang, ngày 17 tháng 4 năm 2024</i></p></td></tr></table>
{paragraphs}
</article></main>
<footer><p>Bản quyền thuộc Sở Khoa học và Công nghệ tỉnh Bắc Giang</p>
<ul><li><a href="/a">Tin khác</a></li><li><a href="/b">Liên hệ</a></li></ul></footer>
</body></html>
"""


def plan_page(seed_text: str, *, body: str = "SỞ KHOA HỌC VÀ CÔNG NGHỆ") -> bytes:
    """A seed plan as a portal shows it: menus, a banner with the day, a footer,
    and the plan's header in a two-cell layout table."""
    from html import escape

    start = seed_text.index("KẾ HOẠCH")
    paragraphs = [line.strip() for line in seed_text[start:].split("\n")]
    markup = "\n".join(
        f"<p>{escape(p.replace('**', ''), quote=False)}</p>" for p in paragraphs if p
    )
    return PLAN_PAGE.format(body=body, paragraphs=markup).encode("utf-8")


def news_page() -> bytes:
    """Seed 004 as a news portal shows it: the headline in an ``<h1>`` above the
    article, a menu, the view counter, share buttons and other news."""
    from html import escape
    from importer_docs import fixture_text

    lines = [
        line.strip() for line in fixture_text("004_d0bdd134290c0cdd.txt").split("\n")
    ]
    title, body = lines[0], [line for line in lines[2:] if line]
    body = body[: body.index("Tin khác")]
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{escape(title)} - Cổng thông tin điện tử tỉnh</title></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức - Sự kiện</a></nav>
<div class="share">Chia sẻ: Facebook | Zalo | In bài</div>
<h1 class="title">{escape(title)}</h1>
<div class="meta">Thứ Ba, 02/04/2024 15:20 | Lượt xem: 254</div>
<div class="content">{paragraphs}</div>
<aside><h3>Tin khác</h3><ul><li><a href="/1">Hội nghị giao ban tháng 3</a></li>
<li><a href="/2">Lịch tiếp công dân</a></li></ul></aside>
</body></html>""".encode()


class Handler(BaseHTTPRequestHandler):
    """Answers from the server's ``routes``: path -> (status, headers, body),
    or a callable that writes the answer itself."""

    protocol_version = "HTTP/1.0"

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            route = (404, {"Content-Type": "text/plain"}, b"not found")
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # quiet
        return


def slow(seconds: float):
    """A route that waits before it answers (at most ``seconds``)."""

    def answer(handler):
        time.sleep(seconds)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.end_headers()
            handler.wfile.write(b"<p>late</p>")
        except OSError:
            pass

    return answer


def drip(seconds: float):
    """A route that sends its body one byte at a time, for ``seconds`` at most."""

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        stop = time.monotonic() + seconds
        try:
            while time.monotonic() < stop:
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    return answer


def endless(limit_bytes: int):
    """A route that streams without a Content-Length, up to ``limit_bytes``."""

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        sent = 0
        try:
            while sent < limit_bytes:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass

    return answer


@contextmanager
def serving(routes: dict):
    """A server on 127.0.0.1 (a free port) answering ``routes``; yields its base URL
    and the server (``server.requests`` lists the paths asked)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.routes = routes
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
