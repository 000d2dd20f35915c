"""`selfeval serve` end to end: the server starts, and a browser's websocket gets the app.

The test connects exactly as textual-serve's page does (``/ws?width=…&height=…``) and reads
what the app draws until the start screen's heading arrives; it never trusts the command line
alone (an earlier release served a splash screen and an app that refused to start).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="textual-serve (selfeval[serve]) is not installed")

if TYPE_CHECKING:
    from aiohttp import ClientSession

from selfeval.evaluation import load_evaluation  # noqa: E402

from .browser import ESCAPES, NotShown, Page, chromium, open_page, row  # noqa: E402
from .conftest import REPO  # noqa: E402


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and the app processes it started for each connection (its group)."""
    if hasattr(os, "killpg"):  # POSIX; on Windows the app processes end with their pipes
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
    server.kill()


T = TypeVar("T")


def _while_serving(server: subprocess.Popen[bytes], journey: Coroutine[Any, Any, T]) -> T:
    """*journey*'s result (at most three minutes), the server stopped however it ends."""
    try:
        return asyncio.run(asyncio.wait_for(journey, timeout=180))
    finally:
        _stop(server)
        server.wait()


KEY = "t3st-key"
"""The key the test servers are started with (`serve` makes a new one unless given one)."""


def _quiet_server(
    port: int, responses: Path, host: str = "127.0.0.1", key: str = KEY
) -> subprocess.Popen[bytes]:
    """`selfeval serve` on *host* (loopback) at *port* with *key*, its output discarded, in a
    group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "selfeval", "serve", "--port", str(port), "--host", host,
         "--responses", str(responses), "--key", key],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def _browser_like_client() -> ClientSession:
    """A client that keeps the server's cookie as a browser does (from 127.0.0.1 too)."""
    client: ClientSession = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    return client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _page_and_screen(
    port: int, deadline: float, address: str | None = None
) -> tuple[str, str]:
    """The HTML page at *address* (the server's, with its key), and the app's output over the
    websocket, opened as the page does (the key kept from opening the page), until the start
    screen shows."""
    async with _browser_like_client() as client:
        while True:
            try:
                async with client.get(address or f"http://127.0.0.1:{port}/?key={KEY}") as got:
                    page = await got.text()
                    break
            except aiohttp.ClientConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)
        drawn = ""
        named = re.search(r'data-session-websocket-url="([^"]+)"', page)
        assert named, page[:500]  # the websocket the page names, as its script opens it
        async with client.ws_connect(f"{named[1]}?width=100&height=30") as ws:
            while "Welcome to selfeval" not in drawn and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += message.data.decode("utf-8", "replace")
                elif message.type != aiohttp.WSMsgType.TEXT:  # closing, closed or an error
                    break
        return page, drawn


def test_the_served_app_reaches_the_browser(tmp_path: Path) -> None:
    """The address `serve` prints (with the key it made) opens the page and the app."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    server = subprocess.Popen(
        [sys.executable, "-m", "selfeval", "serve", "--port", str(port), "--host", "127.0.0.1",
         "--responses", str(tmp_path / "responses")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )  # fmt: skip
    said = b""
    try:
        assert server.stdout is not None
        while b"open http" not in said and (line := server.stdout.readline()):
            said += line  # printed at once, also into a pipe
        address = re.search(rb"open (http://\S+?)\.? ", said)
        assert address, said
        page, drawn = asyncio.run(
            asyncio.wait_for(
                _page_and_screen(port, time.monotonic() + 60, address[1].decode()), timeout=90
            )
        )
    finally:
        _stop(server)  # a test server holds no data; textual-serve may wait on a dead tab
        output = said.decode() + server.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/\?key=[\w-]{{20,}}", address[1].decode())
    assert "/ws" in page, page[:500]
    assert "needs a terminal window" not in drawn + output
    assert "Welcome to selfeval" in drawn, output[-2000:]


async def _start_primary(page: Page, name: str) -> int:
    """On the start screen, as a person does: click the name box, type *name*, choose the
    primary stage (Tab, ↓, Enter) and, once it is ticked and Start has the focus, press
    Enter; returns the mark once the first statement is drawn."""
    shown = await page.shows("Welcome to selfeval")  # the page connected, the app drew
    await page.click(300, row(11))  # the name box
    await page.type(name)
    shown = await page.shows(name, shown)
    for key in ("Tab", "ArrowDown", "Enter"):
        await page.press(key)
    await page.shows("✓ Primary school", shown)  # a second Enter sooner is lost
    await page.press("Enter")  # Start
    return await page.shows("Statement 1 of", shown)


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_a_headteacher_starts_an_evaluation_in_a_real_browser(tmp_path: Path) -> None:
    """Type the setting's name, choose the stage and press Start in Chromium: the evaluation
    file appears on disk, so the served app really takes a user's keys."""
    port = _free_port()
    responses = tmp_path / "responses"
    server = _quiet_server(port, responses)

    async def journey() -> list[Path]:
        await _page_and_screen(port, time.monotonic() + 60)  # the server is up
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            await _start_primary(page, "Browser Primary")
            return list(responses.glob("*.toml"))

    found = _while_serving(server, journey())
    assert [p.name for p in found] == [f"browser-primary.stem.{_school_year()}.toml"]
    assert load_evaluation(found[0]).setting.stage == "primary"


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_a_whole_quality_indicator_and_the_plan_in_a_real_browser(tmp_path: Path) -> None:
    """The whole journey of a headteacher who never used a terminal, in Chromium: start,
    rate every statement of QI 1.1 (the first with evidence typed with corrections), open
    the results, agree the suggested level and export: the ratings, the evidence, the agreed
    level and both plan files are on disk."""
    port = _free_port()
    responses = tmp_path / "responses"
    server = _quiet_server(port, responses)
    plans = [responses / f"whole-qi-primary.stem.{_school_year()}.plan.{x}" for x in ("docx", "md")]

    async def journey() -> None:
        await _page_and_screen(port, time.monotonic() + 60)
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            shown = await _start_primary(page, "Whole QI Primary")
            await page.type("e")  # evidence: the box opens, and the footer says so
            shown = await page.shows("Done typing", shown)
            # then sent as one chunk with its corrections (DEL). Typed within milliseconds of
            # "e", before the box was open, the chunk's end was lost about one run in four
            # (before this session's changes too): left for an issue of its own
            await page.type("Pupil survye\x7f\x7fey in May")
            shown = await page.shows("in May", shown)
            await page.press("Escape")  # out of the box: the footer offers the keys again
            shown = await page.shows("Unanswered", shown)  # (a key typed sooner reads as Alt)
            for number, rating in enumerate("454545", start=1):  # QI 1.1's first six
                await page.type(rating)
                shown = await page.shows(f"{number} answered", shown)
                await page.press("Enter")  # next statement
                shown = await page.shows(f"Statement {number + 1} of", shown)
            await page.type("r")
            shown = await page.shows("to agree", shown)  # its table
            await page.type("c")  # agree the suggested level
            shown = await page.shows("Saved", shown)
            await page.type("x")
            await page.shows("Improvement plan written", shown)

    _while_serving(server, journey())
    (found,) = responses.glob("*.stem.*[0-9].toml")
    evaluation = load_evaluation(found)
    ratings = [a.rating for a in evaluation.answers.values() if a.rating is not None]
    assert ratings == [4, 5, 4, 5, 4, 5], f"see {tmp_path / 'browser.png'}"
    evidence = [a.evidence for a in evaluation.answers.values() if a.evidence]
    assert evidence == ["Pupil survey in May"]  # each correction where it was typed
    # evidence for one rating of six: at most satisfactory, however good the ratings
    assert evaluation.qi["self-evaluation"].confirmed == 3
    assert all(p.exists() for p in plans)
    assert "**Our evaluation:** 3 satisfactory" in plans[1].read_text(encoding="utf-8")


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_ctrl_z_undoes_a_rating_in_a_real_browser(tmp_path: Path) -> None:
    """Ctrl+Z reaches the served app through the browser (issue 32): the rating is undone on
    disk and the app says so."""
    port = _free_port()
    responses = tmp_path / "responses"
    server = _quiet_server(port, responses)

    async def journey() -> None:
        await _page_and_screen(port, time.monotonic() + 60)
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            shown = await _start_primary(page, "Undo Primary")
            await page.type("4")
            shown = await page.shows("1 answered", shown)
            await page.press_ctrl("z")
            await page.shows("Undid: rating 4 good", shown)

    _while_serving(server, journey())
    (found,) = responses.glob("*.stem.*[0-9].toml")
    assert load_evaluation(found).answers == {}


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_a_sentence_typed_after_a_stray_click_changes_nothing(tmp_path: Path) -> None:
    """Reported from the browser: a click beside a text box left the focus outside it, and
    each letter of "Ask parent council" that is a key acted. Now nothing changes, and the
    page says where to type."""
    port = _free_port()
    responses = tmp_path / "responses"
    server = _quiet_server(port, responses)

    async def journey() -> None:
        await _page_and_screen(port, time.monotonic() + 60)
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            shown = await _start_primary(page, "Stray Primary")
            await page.click(600, row(4))  # the statement's own words: no box, no control
            await page.type("Ask parent council, then 4 more")
            await page.shows("outside a text box", shown)

    _while_serving(server, journey())
    (found,) = responses.glob("*.stem.*[0-9].toml")
    evaluation = load_evaluation(found)
    assert not any(a.is_answered or a.evidence or a.notes for a in evaluation.answers.values())


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_typing_before_any_click_reaches_the_app(tmp_path: Path) -> None:
    """A trial typed the school's name as soon as the page opened, before clicking: the page,
    not the app, had the focus, and the name was lost. The app's terminal takes it."""
    port = _free_port()
    server = _quiet_server(port, tmp_path / "responses")

    async def journey() -> None:
        await _page_and_screen(port, time.monotonic() + 60)
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            shown = await page.shows("Welcome to selfeval")  # the name box has the app's focus
            await page.type("Early Typist Primary")
            await page.shows("Early Typist Primary", shown)

    _while_serving(server, journey())


def _school_year() -> str:
    from datetime import date

    from selfeval.evaluation.store import school_year

    return school_year(date.today())


def test_a_page_from_another_site_cannot_drive_the_app(tmp_path: Path) -> None:
    """A web page the teacher visits could open a websocket to localhost; its Origin is refused,
    while the app's own page (same origin) is served. A site whose own name was pointed at
    this computer (DNS rebinding) is the same origin by name: it is refused for naming the
    server by a name that is not a loopback one."""
    port = _free_port()
    server = _quiet_server(port, tmp_path / "responses")

    async def try_origins() -> dict[str, int]:
        await _page_and_screen(port, time.monotonic() + 60)  # up, and its own page works
        statuses = {}
        rebound = f"evil.example:{port}"  # a site whose name was pointed at this computer
        async with aiohttp.ClientSession() as client:
            for origin in ("http://evil.example", f"http://127.0.0.1:{port}", f"http://{rebound}"):
                headers = {"Host": rebound} if rebound in origin else {}
                try:
                    url = f"ws://127.0.0.1:{port}/ws?width=80&height=24&key={KEY}"
                    async with client.ws_connect(url, origin=origin, headers=headers):
                        statuses[origin] = 101
                except aiohttp.WSServerHandshakeError as exc:
                    statuses[origin] = exc.status
            page = f"http://127.0.0.1:{port}/?key={KEY}"
            async with client.get(page, headers={"Host": rebound}) as got:
                statuses["page, rebound"] = got.status
        return statuses

    statuses = _while_serving(server, try_origins())
    assert statuses == {
        "http://evil.example": 403,
        f"http://127.0.0.1:{port}": 101,
        f"http://evil.example:{port}": 403,  # same origin by name, but not this server's name
        "page, rebound": 403,
    }


def test_served_on_every_address_the_page_names_the_server_as_the_browser_did(
    tmp_path: Path,
) -> None:
    """With --host 0.0.0.0 the page told the browser to load the app from 0.0.0.0, which a
    browser on another computer cannot reach; it names the address the browser used."""
    port = _free_port()
    server = _quiet_server(port, tmp_path / "responses", host="0.0.0.0", key="k3y")
    name = socket.gethostname().lower()

    async def page() -> str:
        deadline = time.monotonic() + 60
        async with aiohttp.ClientSession() as client:
            while True:
                try:
                    lan = {"Host": f"{name}:{port}"}  # as another computer names it
                    address = f"http://127.0.0.1:{port}/?key=k3y"
                    async with client.get(address, headers=lan) as got:
                        html: str = await got.text()
                        return html
                except aiohttp.ClientConnectionError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.2)

    try:
        html = asyncio.run(asyncio.wait_for(page(), timeout=90))
    finally:
        _stop(server)
        server.wait()
    assert f"ws://{name}:{port}/ws" in html
    assert "0.0.0.0" not in html


@pytest.mark.parametrize(
    ("requested", "serving", "allowed"),
    [
        ("localhost:8000", "localhost", True),
        ("127.0.0.1:8000", "localhost", True),
        ("[::1]:8000", "127.0.0.1", True),
        ("evil.example:8000", "localhost", False),  # a rebound name: not this server's
        ("evil.example:8000", "127.0.0.1", False),
        ("192.168.1.5:8000", "0.0.0.0", True),  # on every address: whatever the LAN calls it
        ("[::1", "localhost", False),  # malformed: refused, never a server error
        ("[::1", "0.0.0.0", False),
    ],
)
def test_served_on_loopback_only_loopback_names_are_answered(
    requested: str, serving: str, allowed: bool
) -> None:
    from selfeval.tui.same_origin import for_this_server

    assert for_this_server(requested, serving) is allowed


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        (None, "localhost:8000", True),  # not a browser: no page can steer it
        ("http://localhost:8000", "localhost:8000", True),
        ("http://127.0.0.1:8000", "localhost:8000", True),  # the same server by either name
        ("http://localhost:8000", "127.0.0.1:8000", True),
        ("http://[::1]:8000", "localhost:8000", True),
        ("http://localhost:9000", "localhost:8000", False),  # another local site
        ("http://evil.example", "localhost:8000", False),
        ("http://evil.example:8000", "127.0.0.1:8000", False),
        ("http://192.168.1.5:8000", "192.168.1.5:8000", True),
        ("http://localhost:8000", "192.168.1.5:8000", False),
        ("http://localhost:8000.evil.example", "localhost:8000", False),  # malformed ports:
        ("http://localhost:abc", "localhost:8000", False),  # refused, never a server error
        ("http://[::1", "localhost:8000", False),
        ("http://localhost:99999999", "localhost:8000", False),
    ],
)
def test_same_origin_treats_loopback_names_as_one(
    origin: str | None, host: str, allowed: bool
) -> None:
    from selfeval.tui.same_origin import same_origin

    assert same_origin(origin, host) is allowed


async def test_the_server_s_routes_are_answered_by_selfeval_s_checks() -> None:
    """`SameOriginServer` overrides textual-serve's handlers, which are not a documented API:
    if an upstream release renames them or routes to others, this fails (rather than the
    checks silently no longer running)."""
    from selfeval.tui.same_origin import SameOriginServer

    server = SameOriginServer("selfeval", host="localhost", port=8000, key="k")
    app = await server._make_app()
    handlers = {
        route.name: getattr(route.handler, "__func__", None)
        for route in app.router.routes()
        if route.name in ("index", "websocket", "download")
    }
    assert handlers == {
        "index": SameOriginServer.handle_index,
        "websocket": SameOriginServer.handle_websocket,
        "download": SameOriginServer.handle_download,
    }


async def _export_over_the_websocket(port: int, deadline: float) -> tuple[str, bytes]:
    """Act as textual-serve's page: resume, open results, press x, each key once the screen
    before it is drawn; follow the download offer the app sends (``deliver_file_start``) as
    the page's script does, and fetch the file."""
    async with _browser_like_client() as client:
        async with client.get(f"http://localhost:{port}/?key={KEY}") as page:
            assert page.status == 200
        url = f"ws://localhost:{port}/ws?width=100&height=30"
        async with client.ws_connect(url, origin=f"http://localhost:{port}") as ws:
            drawn, instance = "", ""
            # each key, once what tells its screen is ready has been drawn
            keys = [("Balmuir Primary School", "\r"), ("Statement", "r"), ("to agree", "x")]
            while time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += ESCAPES.sub("", message.data.decode("utf-8", "replace"))
                    if keys and keys[0][0] in drawn:
                        drawn = ""
                        await ws.send_json(["stdin", keys.pop(0)[1]])
                    continue
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                kind, value = message.json()
                if kind == "instance_id":
                    instance = value
                elif kind == "deliver_file_start":
                    link = f"http://localhost:{port}/download/{value}?instance={instance}"
                    async with client.get(link) as response:
                        disposition = response.headers.get("Content-Disposition", "")
                        return disposition, await response.read()
    return "", b""


def test_export_in_the_browser_offers_the_word_plan_as_a_download(tmp_path: Path) -> None:
    """Serve as a headteacher would (the default host), resume an evaluation, open the
    results and press x: the page is offered the Word plan, byte for byte, as a download."""
    from .conftest import DATA

    responses = tmp_path / "responses"
    responses.mkdir()
    source = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"
    (responses / source.name).write_bytes(source.read_bytes())
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "selfeval", "serve", "--port", str(port),
         "--responses", str(responses), "--key", KEY],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        asyncio.run(
            _page_and_screen(port, time.monotonic() + 60, f"http://localhost:{port}/?key={KEY}")
        )
        disposition, data = asyncio.run(
            asyncio.wait_for(_export_over_the_websocket(port, time.monotonic() + 60), 90)
        )
    finally:
        _stop(server)
        server.wait()
    plan = responses / "balmuir-primary-school.stem.2026-27.plan.docx"
    assert "attachment" in disposition and plan.name in disposition
    assert data == plan.read_bytes()


def test_a_port_in_use_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    from selfeval.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    captured = capsys.readouterr()
    assert f"port {port} is already in use" in captured.err
    assert f"--port {port + 1}" in captured.err
    assert "http://" not in captured.out  # no address is offered that is not served


@pytest.mark.parametrize("every", ["0.0.0.0", "::"])
def test_served_on_every_address_it_says_where_to_open_it(every: str) -> None:
    """Not "open http://0.0.0.0:8000", which no browser reaches from another computer."""
    from selfeval.tui.serve import _addresses

    said = _addresses(every, 8000, "k")
    assert said.startswith("http://localhost:8000/?key=k on this computer")
    assert f"http://{socket.gethostname()}:8000/?key=k from another computer" in said
    assert _addresses("127.0.0.1", 8000, "k") == "http://127.0.0.1:8000/?key=k"
    assert _addresses("::1", 8000, "k") == "http://[::1]:8000/?key=k"


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_the_first_click_on_a_rating_after_opening_an_evaluation_rates(tmp_path: Path) -> None:
    """Reported once: after choosing a saved evaluation in the browser, the first click on a
    rating did not rate. Opened from the start screen's list, as a person does, the first
    click on "5 very good" is saved."""
    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.framework import load_framework

    port = _free_port()
    short = Path(tempfile.mkdtemp(prefix="s"))  # the welcome text on its lines,
    responses = short / "r"  # so the list is where a person sees it (clicks are by position)
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    setting = Setting(name="Reopen Primary", stage="primary")
    session = EvaluationSession.start(EvaluationStore(responses), stem, setting)
    session.rate("stem-1.1-02", 4)
    session.move_to("stem-1.1-01")
    session.close()
    server = _quiet_server(port, responses)

    def rating() -> int | None:
        return load_evaluation(session.path).answer("stem-1.1-01").rating

    async def journey() -> int | None:
        await _page_and_screen(port, time.monotonic() + 60)
        async with open_page(f"http://127.0.0.1:{port}/?key={KEY}") as page:
            shown = await page.shows("Reopen Primary")  # the app lists the evaluation
            await page.click(400, row(12))  # "Reopen Primary · Primary school, 1 of 98 …"
            await page.shows("What it can look like", shown)  # its first statement
            await page.click(400, row(14))  # "5 very good", once
            with contextlib.suppress(NotShown):  # one more than the one rated before
                await page.shows("2 answered", shown, timeout=30)
            (tmp_path / "browser.png").write_bytes(await page.screenshot())
            return rating()

    try:
        found = asyncio.run(asyncio.wait_for(journey(), timeout=150))
    finally:
        _stop(server)
        server.wait()
        shutil.rmtree(short, ignore_errors=True)
    assert found == 5, f"see {tmp_path / 'browser.png'}"


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_the_page_its_websocket_and_downloads_need_the_key(tmp_path: Path, host: str) -> None:
    """On loopback (where every account of a shared computer can connect) as on the network:
    the page opens only with the key the printed address carries (a new one each start), and
    the browser then keeps it for the page's websocket and downloads. Without it, with a wrong
    one, with another server's, or naming the server by another site's name (DNS rebinding),
    all is refused."""
    port = _free_port()
    said = tmp_path / "said.txt"
    with said.open("wb") as output:  # the key it makes, from the address it prints
        server = subprocess.Popen(
            [sys.executable, "-m", "selfeval", "serve", "--port", str(port), "--host", host,
             "--responses", str(tmp_path / "responses")],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    name = f"{socket.gethostname().lower()}:{port}" if host == "0.0.0.0" else f"{host}:{port}"
    base = f"http://127.0.0.1:{port}"
    sockets = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
    download = f"{base}/download/no-such-file"  # checked before it is looked for

    async def status(client: ClientSession, url: str, **headers: str) -> int:
        headers = {"Host": name, **headers}
        if url.startswith("ws:"):
            try:
                async with client.ws_connect(url, origin=f"http://{name}", headers=headers):
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return int(exc.status)
        async with client.get(url, headers=headers) as got:
            return int(got.status)

    async def try_keys() -> dict[str, int]:
        statuses: dict[str, int] = {}
        deadline = time.monotonic() + 60
        while not (printed := re.search(r"/\?key=([\w-]+)", said.read_text())):
            assert server.poll() is None and time.monotonic() < deadline, said.read_text()
            await asyncio.sleep(0.2)
        key = printed[1]
        async with _browser_like_client() as client:
            while True:
                try:
                    await status(client, base)
                    break
                except aiohttp.ClientConnectionError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.2)
            another = {"Cookie": f"selfeval_key_{port + 1}={key}"}
            for label, url, headers in (
                ("page, no key", base, {}),
                ("page, wrong key", f"{base}/?key=guess", {}),
                ("page, rebound", f"{base}/?key={key}", {"Host": f"evil.example:{port}"}),
                ("websocket, no key", sockets, {}),
                ("websocket, wrong key", f"{sockets}&key=guess", {}),
                ("websocket, another server's cookie", sockets, another),
                ("download, no key", download, {}),
                ("download, wrong key", f"{download}?key=guess", {}),
                ("page, key", f"{base}/?key={key}", {}),  # the browser keeps it, so:
                ("websocket, key kept", sockets, {}),
                ("download, key kept", download, {}),  # past the key: no such file
            ):
                statuses[label] = await status(client, url, **headers)
        return statuses

    statuses = _while_serving(server, try_keys())
    assert statuses == {
        "page, no key": 403,
        "page, wrong key": 403,
        "page, rebound": 403,
        "websocket, no key": 403,
        "websocket, wrong key": 403,
        "websocket, another server's cookie": 403,
        "download, no key": 403,
        "download, wrong key": 403,
        "page, key": 200,
        "websocket, key kept": 101,
        "download, key kept": 404,
    }


@pytest.mark.parametrize(
    ("name", "loopback"),
    [("localhost", True), ("127.0.0.1", True), ("127.1", True), ("127.8.9.10", True),
     ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("192.168.1.5", False),
     ("evil.example", False), ("localhost.evil.example", False), (None, False)],
)  # fmt: skip
def test_any_loopback_literal_counts_as_loopback(name: str | None, loopback: bool) -> None:
    from selfeval.tui.addresses import is_loopback

    assert is_loopback(name) is loopback


def test_on_the_network_the_address_printed_carries_a_new_key_each_time() -> None:
    from selfeval.tui.serve import _addresses

    said = _addresses("0.0.0.0", 8000, "abc")
    assert "http://localhost:8000/?key=abc on this computer" in said
    assert f"http://{socket.gethostname()}:8000/?key=abc from another computer" in said


async def test_the_page_asks_nothing_of_another_site() -> None:
    """textual-serve's page fetched its font from Google, telling another site who opens
    selfeval and when (and showing no font offline). The page served names only this server,
    and everything it loads is here."""
    from aiohttp.test_utils import TestClient, TestServer

    from selfeval.tui.same_origin import SameOriginServer

    server = SameOriginServer("selfeval", host="127.0.0.1", port=8000, key="k")
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        got = await client.get("/?key=k")
        assert got.status == 200
        html = await got.text()
        here = f"127.0.0.1:{client.port}"
        assert set(re.findall(r"\b[a-z]+://([^/\"'\s]+)", html)) == {here}  # the websocket
        loaded = re.findall(r"""(?:src|href)="([^"]*)"|url\("?([^")]*)"?\)""", html)
        assert loaded
        for link in (a or b for a, b in loaded):
            assert link.startswith("/") and not link.startswith("//"), link
            fetched = await client.get(link)
            assert fetched.status == 200, link
            if link.endswith(".css"):
                css = await fetched.text()
                assert "@import" not in css and "url(http" not in css.replace(" ", ""), link
        assert "Roboto Mono" in html  # the font, now from here
