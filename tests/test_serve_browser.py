"""``outline serve`` end to end in a real browser: headless Chromium (Debian's package, driven
by Selenium through Debian's chromedriver — nothing is downloaded).  Skips with a message
when Selenium, chromium or chromedriver is missing (.ci/run installs them)."""
from __future__ import annotations

import base64
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_FILES, run_cli, sample
from test_serve import server  # noqa: F401  (the fixture)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="no chromium/chromedriver (apt-get install chromium chromium-driver)")
#: Headless Chromium as root in a container, with nothing reaching the network.
ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1200,900")
WAIT = 60  # seconds: a shared 2-core machine


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never fetches a driver or browser
    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ARGS:
        opts.add_argument(arg)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False,
                                           "intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, server):  # noqa: F811
    browser.get(server.url)
    wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    for old in browser.downloads.iterdir():
        old.unlink()
    return browser


def wait(driver, condition):
    """Until condition(driver) holds; a card re-drawn meanwhile (its old elements gone) is
    looked at again on the next poll."""
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def cards(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#files article.file")


def wait_cards(driver, n: int):
    """The n cards, once each shows its outline or its error."""
    def ready(d):
        cs = cards(d)
        done = [c for c in cs if c.find_elements(By.CSS_SELECTOR, "h3.title, p.error")]
        return cs if len(cs) == n and len(done) == n else False
    return wait(driver, ready)


def choose(driver, *paths: Path) -> None:
    driver.find_element(By.ID, "file-input").send_keys("\n".join(str(p) for p in paths))


def drop(driver, name: str, data: bytes) -> None:
    """A file dropped on the drop zone (a drop event carrying a File, as the OS would send)."""
    driver.execute_script("""
        const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], arguments[0]));
        const zone = document.getElementById('drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    """, name, base64.b64encode(data).decode())


def cli_json(*args: str) -> dict:
    return json.loads(run_cli("-f", "json", *args).stdout)


def tree_labels(card) -> list[str]:
    return [e.text for e in card.find_elements(By.CSS_SELECTOR, "ul.tree .heading")]


def test_drop_a_sample_see_its_tree_switch_to_traditional_and_download_the_docx(page, tmp_path):
    path = sample("000")  # simplified: 繁体 changes its title
    drop(page, path.name, path.read_bytes())
    (card,) = wait_cards(page, 1)
    want = cli_json(str(path))
    assert card.find_element(By.CSS_SELECTOR, "h3.title").text == want["title"]
    labels = tree_labels(card)
    assert len(labels) == len(json.dumps(want["sections"]).split('"heading"')) - 1
    assert labels[0].endswith(want["sections"][0]["heading"])
    # each heading names its source line
    assert card.find_element(By.CSS_SELECTOR, ".tree .src").text.startswith(f"第 {want['sections'][0]['line']} 行")

    Select(page.find_element(By.ID, "opt-script")).select_by_value("traditional")
    trad = cli_json("--script", "traditional", str(path))
    assert trad["title"] != want["title"]  # the sample has characters that differ
    wait(page, lambda d: d.find_element(By.CSS_SELECTOR, "#files h3.title").text == trad["title"])

    page.find_element(By.CSS_SELECTOR, "#files article.file button[data-format=docx]").click()
    target = page.downloads / f"{path.stem}.docx"
    wait(page, lambda d: target.exists() and target.stat().st_size > 0
                                    and not list(page.downloads.glob("*.crdownload")))
    import docx

    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert trad["title"] in paragraphs
    assert any(p.endswith(trad["sections"][0]["heading"]) for p in paragraphs)
    out = tmp_path / "cli.docx"
    run_cli("-f", "docx", "--script", "traditional", "-o", str(out), str(path))
    assert target.read_bytes() == out.read_bytes()


def test_choose_files_with_one_bad_file(page, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    good = sample("002")
    choose(page, good, bad)
    first, second = wait_cards(page, 2)
    error = second.find_element(By.CSS_SELECTOR, "p.error").text
    assert error.startswith("photo.txt: ") and "PNG" in error
    assert first.find_element(By.CSS_SELECTOR, "h3.title").text == cli_json(str(good))["title"]
    assert tree_labels(first)
    # "download all" still gives the good one (one file: its own output, not a zip)
    page.find_element(By.CSS_SELECTOR, "#download-all button[data-format=outline]").click()
    target = page.downloads / f"{good.stem}.outline.txt"
    wait(page, lambda d: target.exists() and not list(page.downloads.glob("*.crdownload")))
    assert target.read_bytes() == run_cli("-f", "outline", str(good)).stdout


def test_paste_text_and_markup_stays_text(page):
    text = ("关于做好培训工作的通知\n一、<img src=x onerror=alert(1)>\n坚持以人民为中心，做好各项工作。\n"
            "二、工作安排\n各单位要认真组织学习。\n")
    area = page.find_element(By.ID, "paste")
    page.execute_script("arguments[0].value = arguments[1]", area, text)  # (send_keys types line by line)
    page.find_element(By.ID, "paste-go").click()
    (card,) = wait_cards(page, 1)
    assert card.find_element(By.CSS_SELECTOR, ".name").text == "粘贴的文字.txt"
    assert card.find_element(By.CSS_SELECTOR, "h3.title").text == "关于做好培训工作的通知"
    assert tree_labels(card) == ["一、<img src=x onerror=alert(1)>", "二、工作安排"]
    assert page.find_elements(By.CSS_SELECTOR, "#files img") == []
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - raises when no alert() ran
    # the source line is shown as text too
    assert "<img src=x onerror=alert(1)>" in card.find_element(By.CSS_SELECTOR, ".src").text


def test_explain_toggle_shows_cleaned_text_and_removed_lines(page):
    path = sample("000")
    choose(page, path)
    (card,) = wait_cards(page, 1)
    assert not card.find_elements(By.CSS_SELECTOR, ".explain")
    page.find_element(By.ID, "opt-explain").click()
    removed = cli_json("--explain", str(path))["removed"]
    rows = card.find_elements(By.CSS_SELECTOR, ".explain tbody tr")
    assert len(rows) == len(removed)
    first = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert first[:3] == [str(removed[0]["line"]), removed[0]["rule"], removed[0]["category"]]
    cleaned = card.find_element(By.CSS_SELECTOR, "pre.cleaned").get_attribute("textContent")
    assert cleaned == run_cli("-f", "text", str(path)).stdout.decode()


def test_keyboard_folds_a_heading_and_renumber(page):
    # Enter on the focused "选择文件" button opens the file chooser (its input's click)
    page.execute_script("document.getElementById('file-input').click = () => { window.chooserOpened = true; }")
    page.find_element(By.ID, "choose").send_keys(Keys.ENTER)
    assert page.execute_script("return window.chooserOpened === true")
    path = next(p for p in SAMPLE_FILES if any(s["children"] for s in cli_json(str(p))["sections"]))
    choose(page, path)
    (card,) = wait_cards(page, 1)
    details = card.find_element(By.CSS_SELECTOR, "ul.tree details")
    assert details.get_attribute("open") is not None
    summary = details.find_element(By.TAG_NAME, "summary")
    page.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    wait(page, lambda d: details.get_attribute("open") is None)
    from outline_cli.emit.outline import marker_for  # 一、（一）1.（1）① by depth, as -f outline

    want = []

    def walk(sections, depth):
        for n, s in enumerate(sections, 1):
            want.append(marker_for(depth, n) + s["heading"])
            walk(s["children"], depth + 1)
    walk(cli_json(str(path))["sections"], 1)
    assert tree_labels(card) != want  # the sample's own markers differ
    page.find_element(By.ID, "opt-renumber").click()
    wait(page, lambda d: cards(d) and tree_labels(cards(d)[0]) == want)


def test_copy_outline_text(page):
    page.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
                                                      "origin": page.current_url.split("/", 3)[0] + "//" +
                                                      page.current_url.split("/", 3)[2]})
    path = sample("003")
    choose(page, path)
    (card,) = wait_cards(page, 1)
    card.find_element(By.CSS_SELECTOR, "button.copy").click()
    wait(page, lambda d: d.find_element(By.ID, "status").text == "提纲已复制到剪贴板")
    copied = page.execute_async_script("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('ERR ' + e))")
    assert copied == run_cli("-f", "outline", str(path)).stdout.decode()


def test_several_files_download_as_one_zip(page):
    import zipfile

    paths = SAMPLE_FILES[:3]
    choose(page, *paths)
    wait_cards(page, 3)
    page.find_element(By.CSS_SELECTOR, "#download-all button[data-format=markdown]").click()
    target = page.downloads / "outline.zip"
    wait(page, lambda d: target.exists() and not list(page.downloads.glob("*.crdownload")))
    time.sleep(0.2)
    assert zipfile.ZipFile(target).namelist() == [f"{p.stem}.md" for p in paths]


def test_english_when_the_browser_asks_for_it_first(browser, server):  # noqa: F811
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}})
    try:
        browser.get(server.url)
        wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Speech → outline")
        assert browser.find_element(By.ID, "choose").text == "Choose files…"
        assert browser.find_element(By.CSS_SELECTOR, "#opt-script option[value=traditional]").text == "Traditional"
    finally:
        browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
    browser.get(server.url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "讲话稿 → 提纲"
