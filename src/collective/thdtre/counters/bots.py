"""Recognise crawlers and probes by their User-Agent, so they are not counted.

Only real crawler markers: ``curl`` (our own contract checks) and headless
browsers (the Playwright tests) are visitors like any other.
"""

# Lower case; a User-Agent containing any of these is a bot.
BOT_MARKERS = (
    "googlebot",
    "adsbot-google",
    "mediapartners-google",
    "bingbot",
    "bingpreview",
    "yandex",
    "baiduspider",
    "duckduckbot",
    "coccocbot",  # Cốc Cốc, the Vietnamese search engine
    "ahrefs",
    "semrush",
    "mj12bot",
    "petalbot",
    "facebookexternalhit",
    "bot/",
    "spider",
    "crawler",
    "kube-probe",
    "uptimerobot",
)


def is_bot(user_agent: str | None) -> bool:
    """Return True for an empty User-Agent or one of a known crawler or probe."""
    agent = (user_agent or "").strip().lower()
    return not agent or any(marker in agent for marker in BOT_MARKERS)
