"""Smoke tests of the fake Discord harness, driving the demo bot (tests/fakediscord/demo_bot.py)."""

from __future__ import annotations

import pytest

from standin import CommandUsageError, FakeDiscord
from standin.botproc import BotProcess
from tests.fakediscord.bots import start_bot
from tests.fakediscord.fixtures import Club

pytestmark = pytest.mark.asyncio(loop_scope="module")

DEMO = "tests.fakediscord.demo_bot"


@pytest.fixture(scope="module")
def bot_module() -> str:
    return DEMO


async def test_ping_is_ephemeral_pong(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    reply = await fake.slash(club.alice, "ping")
    assert reply.content == "pong"
    assert reply.ephemeral
    assert fake.messages_in(club.general) == []  # ephemeral replies are not channel history


async def test_synced_commands_are_recorded(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    names = {c["name"] for c in fake.commands(club.guild)}
    assert names == {"ping", "demo", "admin"}
    assert all(c["id"] for c in fake.commands(club.guild))


async def test_echo_with_options_of_several_types(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    reply = await fake.slash(club.alice, "demo echo", text="hi @everyone", count=2, flag=True)
    assert reply.content == "hi @everyone hi @everyone !"
    assert not reply.ephemeral
    assert reply.allowed_mentions == {"parse": []}
    assert [m.id for m in fake.messages_in(club.general)] == [reply.id]
    defaults = await fake.slash(club.bob, "demo echo", guild=club.guild, text="x")
    assert defaults.content == "x"


async def test_test_mistakes_fail_clearly(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    with pytest.raises(CommandUsageError, match="integer"):
        await fake.slash(club.alice, "demo echo", text="x", count="2")
    with pytest.raises(CommandUsageError, match="no option"):
        await fake.slash(club.alice, "demo echo", text="x", colour="red")
    with pytest.raises(CommandUsageError, match="requires"):
        await fake.slash(club.alice, "demo echo")
    with pytest.raises(CommandUsageError, match="no subcommand"):
        await fake.slash(club.alice, "demo nope")
    with pytest.raises(CommandUsageError, match="no slash command"):
        await fake.slash(club.stranger, "ping")  # commands were synced to Club only


async def test_pager_buttons_edit_the_message(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    page1 = await fake.slash(club.alice, "demo pager")
    assert page1.content == "Page 1/3"
    assert page1.button_labels() == ["Prev", "Next", "First"]
    assert page1.button("Prev")["disabled"] is True
    with pytest.raises(CommandUsageError, match="disabled"):
        await fake.click(club.alice, page1, "Prev")

    page2 = await fake.click(club.alice, page1, "Next")
    assert (page2.id, page2.content, page2.edits) == (page1.id, "Page 2/3", 1)
    assert page2.button("Prev").get("disabled") is not True

    page3 = await fake.click(club.alice, page2, "pager:next")  # custom_id works too
    assert page3.content == "Page 3/3" and page3.button("Next")["disabled"] is True

    refused = await fake.click(club.bob, page3, "Prev")
    assert refused.content == "This pager isn't yours." and refused.ephemeral
    assert fake.message(page1.id).content == "Page 3/3"
    with pytest.raises(CommandUsageError, match="ephemeral"):
        await fake.click(club.alice, refused, "anything")

    first = await fake.click(club.alice, page3, "First")  # defer() then edit_original_response()
    assert (first.id, first.content) == (page1.id, "Page 1/3")


async def test_deferred_reply_with_file(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    reply = await fake.slash(club.alice, "demo report")
    assert reply.content == "Your report"
    assert reply.files == {"report.csv": b"distance,time\n10k,50:00\n"}
    assert not reply.loading
    # The first follow-up after "thinking" replaced the loading message.
    assert len(fake.followups(reply)) == 1


async def test_defer_without_waiting_sees_loading(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    thinking = await fake.slash(club.alice, "demo report", wait=False)
    assert thinking.loading
    done = await fake.wait_for_message(lambda m: m.id == thinking.id and not m.loading)
    assert done.files


async def test_attachment_option_is_downloaded(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    upload = fake.attachment("tips.json", b'{"tips": []}' * 100)
    reply = await fake.slash(club.alice, "demo size", file=upload)
    assert reply.content == "tips.json: 1200 bytes"


async def test_channel_message_and_dm(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    reply = await fake.slash(club.admin, "demo announce", options={"channel": club.runs}, text="Run at 7!")
    assert reply.content == "Posted in #runs" and reply.ephemeral
    posted = await fake.wait_for_message(lambda m: m.content == "Run at 7!", channel=club.runs)
    assert [m.id for m in fake.messages_in(club.runs)] == [posted.id]

    reply = await fake.slash(club.alice, "demo dmme", text="psst")
    assert reply.content == "Sent you a DM"
    assert [m.content for m in fake.dms_to(club.alice)] == ["psst"]
    assert fake.dms_to(club.bob) == []


async def test_closed_dms_give_the_bot_a_403(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    carol = fake.add_member(club.guild, "carol", dms_open=False)
    reply = await fake.slash(carol, "demo dmme", text="psst")
    assert reply.content == "Could not DM you (50007)"
    assert fake.refused_dms == [carol.id]
    assert fake.dms_to(carol) == []


async def test_injected_failure(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    fake.fail_next("POST", r"^/channels/\d+/messages$", 403, {"message": "Missing Permissions", "code": 50013})
    reply = await fake.slash(club.bob, "demo dmme", text="psst")
    assert reply.content == "Could not DM you (50013)"
    assert (await fake.slash(club.bob, "demo dmme", text="again")).content == "Sent you a DM"


async def test_member_option_and_embed(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    reply = await fake.slash(club.alice, "demo who", member=club.admin)
    assert reply.embeds[0]["title"] == "Boss"
    assert "Admin\nTrue" in reply.embed_text()


async def test_default_member_permissions(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    with pytest.raises(CommandUsageError, match="cannot see /admin"):
        await fake.slash(club.alice, "admin")
    reply = await fake.slash(club.admin, "admin")
    assert reply.content == "admin ok"


async def test_autocomplete(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    choices = await fake.autocomplete(club.alice, "demo tz", "zone", "Europe/B")
    assert [c["value"] for c in choices] == ["Europe/Berlin", "Europe/Belgrade", "Europe/Brussels"]


async def test_modal(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    modal = await fake.slash(club.alice, "demo feedback")
    assert modal.modal is not None and modal.modal["title"] == "Feedback"
    with pytest.raises(CommandUsageError, match="only alice"):
        await fake.submit_modal(club.bob, modal, {"feedback_text": "meh"})
    thanks = await fake.submit_modal(club.alice, modal, {"feedback_text": "great"})
    assert thanks.content == "Thanks: great" and thanks.ephemeral


async def test_rate_limit_is_waited_out(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    fake.rate_limit(2, per=0.4)
    try:
        reply = await fake.slash(club.alice, "demo burst", count=5, timeout=10)
    finally:
        fake.rate_limit(None)
    assert reply.content == "sent 5" and reply.ephemeral
    burst = [m.content for m in fake.messages_in(club.general) if m.content.startswith("burst")]
    assert burst == [f"burst {i}" for i in range(5)]
    assert fake.rate_limited > 0
    assert "rate limited" in bot.log().lower()


async def test_answer_after_the_deadline_is_reported(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    fake.response_deadline = 0.2
    try:
        with pytest.raises(AssertionError, match="answered after"):
            await fake.slash(club.alice, "demo slow", seconds=0.4)
    finally:
        fake.response_deadline = 3.0


async def test_gateway_drop_resumes(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    resumes = fake.resume_count
    await fake.drop_gateway()
    await fake.wait_until(lambda: fake.resume_count > resumes and fake.bot_connected, what="RESUME")
    assert (await fake.slash(club.alice, "ping")).content == "pong"


async def test_wrong_token_fails_login(fake: FakeDiscord, club: Club, tmp_path_factory: pytest.TempPathFactory) -> None:
    workdir = tmp_path_factory.mktemp("wrong-token")
    bad = await start_bot(
        fake, module=DEMO, guild=club.guild, workdir=workdir, token="x" * 24 + ".abcd." + "y" * 27, wait=False
    )
    try:
        code = await bad.wait_exit(timeout=15)
    finally:
        await bad.stop()
    assert code != 0
    assert "Improper token" in bad.log()
