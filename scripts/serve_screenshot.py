"""Take docs/serve.png: the ``outline serve`` page with a sample dropped on it, in headless
Chromium (Debian's chromium + chromedriver, through Selenium from the test extra).

    .venv/bin/python scripts/serve_screenshot.py [OUT.png]
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_cli.serve.server import start  # noqa: E402

SAMPLE = ROOT / "samples" / "002_f2cd3f3992885587.txt"


def main(out: Path) -> None:
    srv = start(0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1000,1000", "--hide-scrollbars", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    try:
        driver.get(srv.url)
        driver.find_element(By.ID, "opt-keywords").clear()
        driver.find_element(By.ID, "opt-keywords").send_keys("3")
        driver.execute_script("document.activeElement.blur()")
        driver.find_element(By.ID, "file-input").send_keys(str(SAMPLE))
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#files h3.title")
                                        and not d.find_elements(By.CSS_SELECTOR, "#files .busy"))
        driver.save_screenshot(str(out))
    finally:
        driver.quit()
        srv.shutdown()
        srv.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    main(target)
    print(target, target.stat().st_size, "bytes")
