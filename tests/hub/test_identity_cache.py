"""The exchange service asks the hub once per token: concurrent requests with a token the hub is
still checking wait for that one answer, and a refusal is remembered as an answer is."""
from __future__ import annotations

import asyncio

import pytest

from course.hub.exchange_service import HubIdentity, Identity, Refusal


class SlowHub:
    """A stand-in for HubAuth whose answers take a while; counts what it was asked."""
    access_scopes: set = set()

    def __init__(self, models: dict):
        self.models, self.asked = models, []

    async def user_for_token(self, token, sync=True):
        self.asked.append(token)
        await asyncio.sleep(0.05)
        return self.models.get(token)


def test_concurrent_requests_with_one_token_ask_the_hub_once():
    hub = SlowHub({"tok-nour": {"kind": "user", "name": "nour", "groups": [],
                                "scopes": ["access:services!service=exchange"]},
                   "tok-lab": {"kind": "user", "name": "nour", "groups": [], "scopes": ["access:servers!server=nour/"]}})
    who = HubIdentity(hub)

    async def many():
        first = await asyncio.gather(*(who("tok-nour") for _ in range(20)), *(who("tok-sami") for _ in range(5)))
        again = await who("tok-nour")
        return first, again

    first, again = asyncio.run(many())
    assert first[:20] == [Identity("nour", frozenset())] * 20 and first[20:] == [None] * 5
    assert again == Identity("nour", frozenset())
    assert sorted(hub.asked) == ["tok-nour", "tok-sami"]

    async def refused_twice():
        for _ in range(2):
            with pytest.raises(Refusal, match="may not use the course's exchange"):
                await who("tok-lab")

    asyncio.run(refused_twice())
    assert hub.asked.count("tok-lab") == 1


def test_a_hub_that_fails_is_asked_again():
    class FailingOnce(SlowHub):
        async def user_for_token(self, token, sync=True):
            self.asked.append(token)
            if len(self.asked) == 1:
                raise RuntimeError("the hub is restarting")
            return {"kind": "user", "name": "nour", "groups": ["mentors"], "scopes": ["access:services"]}

    hub = FailingOnce({})
    who = HubIdentity(hub)
    with pytest.raises(RuntimeError):
        asyncio.run(who("tok"))
    assert asyncio.run(who("tok")) == Identity("nour", frozenset({"mentors"}))
    assert len(hub.asked) == 2
