"""The demo world's fixed facts: its clock, sales team, pipelines, price book, currencies and helpers.

Everything here is global and small, so a streaming run holds it whole while each chunk of
accounts is simulated on its own.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

WORLD_START = datetime(2024, 11, 1, tzinfo=UTC)
WORLD_NOW = datetime(2026, 10, 31, 22, 0, tzinfo=UTC)
MAX_NIGHTS = 30  # the event log runs this many days past night 0
HORIZON = WORLD_NOW + timedelta(days=MAX_NIGHTS + 1)
ACCOUNTS_PER_SCALE = 2000  # scale 1 = 2k companies
CHUNK_ACCOUNTS = 250  # accounts simulated together; a chunk's state is all a streaming run holds

# Zero-decimal currencies have no minor unit (Stripe sends whole yen).
CURRENCY_EXPONENT = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0}
# Units of USD per unit of currency: the shipped FX seed (dbt_project/seeds/currencies.csv).
DEFAULT_FX = {"USD": Decimal("1.0"), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067")}
CURRENCY_WEIGHTS = {"USD": 70, "EUR": 15, "GBP": 8, "JPY": 7}
# Price-book multiplier per currency (a USD 100 plan costs EUR 90, GBP 80, JPY 15000).
PRICE_FACTOR = {"USD": Decimal("1"), "EUR": Decimal("0.9"), "GBP": Decimal("0.8"), "JPY": Decimal("150")}

PIPELINES = [
    {
        "id": "default",
        "label": "Sales Pipeline",
        "stages": [
            ("appointmentscheduled", "Appointment Scheduled", 0.2, False),
            ("qualifiedtobuy", "Qualified To Buy", 0.4, False),
            ("presentationscheduled", "Presentation Scheduled", 0.6, False),
            ("contractsent", "Proposal Sent", 0.8, False),
            ("closedwon", "Closed Won", 1.0, True),
            ("closedlost", "Closed Lost", 0.0, True),
        ],
    },
    {
        "id": "renewals",
        "label": "Renewals",
        "stages": [
            ("r_open", "Renewal Due", 0.5, False),
            ("r_quote", "Quote Issued", 0.75, False),
            ("r_won", "Renewed", 1.0, True),
            ("r_lost", "Not Renewed", 0.0, True),
        ],
    },
]
STAGE_PROBABILITY = {s[0]: Decimal(str(s[2])) for p in PIPELINES for s in p["stages"]}
OPEN_STAGES = {p["id"]: [s[0] for s in p["stages"] if not s[3]] for p in PIPELINES}
WON_STAGE = {p["id"]: next(s[0] for s in p["stages"] if s[3] and s[2] == 1.0) for p in PIPELINES}
LOST_STAGE = {p["id"]: next(s[0] for s in p["stages"] if s[3] and s[2] == 0.0) for p in PIPELINES}
PROPOSAL_STAGES = {s[0] for p in PIPELINES for s in p["stages"] if "proposal" in s[1].lower() or "quote" in s[1].lower()}
LOST_REASONS = ["Price too high", "Chose a competitor", "No budget", "No decision", "Timing"]

OWNER_NAMES = ["Ada Park", "Ben Ortiz", "Chloe Wu", "Dev Rao", "Eva Lind", "Finn Berg", "Gia Noor", "Hal Moss"]
OWNER_IDS = [str(1001 + i) for i in range(len(OWNER_NAMES))]
AGENT_NAMES = ["Ivy Sato", "Jon Reyes", "Kim Olsen", "Leo Fabre", "Mia Costa", "Noah Kerr"]
AGENT_IDS = [900_001 + i for i in range(len(AGENT_NAMES))]

# Products and their monthly list price in USD; annual prices are 10 months' worth.
PRODUCTS = [
    ("prod_starter", "Starter", Decimal("49")),
    ("prod_growth", "Growth", Decimal("149")),
    ("prod_enterprise", "Enterprise", Decimal("499")),
    ("prod_analytics", "Analytics Add-on", Decimal("39")),
    ("prod_support", "Premium Support Add-on", Decimal("99")),
]
TIERS = ["prod_starter", "prod_growth", "prod_enterprise"]
ADDONS = ["prod_analytics", "prod_support"]
PRODUCT_PRICE = {pid: price for pid, _, price in PRODUCTS}

LEAD_SOURCES = ["ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA", "REFERRALS", "DIRECT_TRAFFIC", "OFFLINE"]
FREE_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"]
FIRST_NAMES = ["Alex", "Sam", "Maria", "Jun", "Priya", "Omar", "Lena", "Tom", "Yuki", "Ines", "Raj", "Zoe", "Karl", "Ana"]
LAST_NAMES = ["Smith", "Garcia", "Tanaka", "Patel", "Müller", "Rossi", "Kim", "Novak", "Silva", "Brown", "Dubois", "Ali"]
COMPANY_WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Soylent", "Cyberdyne"]
COMPANY_SUFFIX = ["Labs", "Systems", "Group", "Works", "Partners", "Foods", "Logistics", "Health", "Media", "Energy"]


def chunk_rng(seed: int, chunk: int, part: str) -> random.Random:
    """An independent, reproducible random stream per (seed, chunk, part)."""
    return random.Random(f"{seed}:{chunk}:{part}")


def moment_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second instant in [start, end)."""
    seconds = max(1, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randrange(seconds))


def to_minor(amount: Decimal, currency: str) -> int:
    return int(amount.scaleb(CURRENCY_EXPONENT[currency]))


def from_minor(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-CURRENCY_EXPONENT[currency])


def month_key(moment: datetime) -> str:
    if moment.year < 1000:  # strftime's unpadded %Y
        return moment.strftime("%Y-%m-01")
    return f"{moment.year}-{moment.month:02d}-01"  # same bytes as strftime, several times faster


@lru_cache(maxsize=4096)
def month_end(month: str) -> datetime:
    """00:00 UTC on the 1st of the following month (the exclusive end of `month`)."""
    year, mon = int(month[:4]), int(month[5:7])
    year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return datetime(year, mon, 1, tzinfo=UTC)


@lru_cache(maxsize=4096)
def month_start(month: str) -> datetime:
    return datetime(int(month[:4]), int(month[5:7]), 1, tzinfo=UTC)


def months_between(first: str, last: str) -> list[str]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = month_key(month_end(current))
    return out


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (clamped to the 28th to keep every month valid)."""
    index = moment.month - 1 + months
    return moment.replace(year=moment.year + index // 12, month=index % 12 + 1, day=min(moment.day, 28))
