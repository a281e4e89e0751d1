"""A take's draft and its lock are one thing with one lifetime (`DraftKeeper.open`): the lock
is taken before the draft is read and let go, its file removed, when the block ends, however
it ends; a second take of the same draft meanwhile is refused; the draft itself stays for
--resume unless the take finished."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from closeness_quiz.content.bank import Bank
from closeness_quiz.errors import Exit, UserError
from closeness_quiz.quiz.session import DraftKeeper, Progress, Store
from closeness_quiz.store import drafts
from closeness_quiz.store.holder import DraftLock, lock_path
from tests.helpers import small_bank

HELD = "another quiz under the name 'Alex' is being answered right now in another terminal"


def opened(
    bank: Bank,
    store: Store,
    *,
    keep: bool = True,
    resume: bool = False,
    said: list[str] | None = None,
) -> AbstractContextManager[DraftKeeper]:
    told = said if said is not None else []
    progress = Progress(say=told.append, note=told.append, keep=told.append)
    return DraftKeeper.open(
        bank, store, "Alex", resume=resume, discard=False, keep=keep, progress=progress
    )


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return small_bank(tmp_path)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "home")


def test_the_lock_is_held_for_the_block_and_a_second_take_is_refused(
    bank: Bank, store: Store
) -> None:
    with opened(bank, store) as keeper:
        assert lock_path(keeper.draft.path).exists()
        with pytest.raises(UserError) as refused, opened(bank, store):
            pass
        assert HELD in str(refused.value)
        assert lock_path(keeper.draft.path).exists()  # the refusal took nothing from the first
    assert not lock_path(keeper.draft.path).exists()
    with opened(bank, store):  # let go: the next take goes ahead
        pass


@pytest.mark.parametrize("stop", [KeyboardInterrupt, Exit, UserError])
def test_a_take_that_stops_early_keeps_its_draft_and_lets_go_of_its_lock(
    bank: Bank, store: Store, stop: type[BaseException]
) -> None:
    first = bank.questions[0].id
    with pytest.raises(stop), opened(bank, store) as keeper:
        keeper({first: 3})
        raise stop(2) if stop is Exit else stop("stopped")
    assert drafts.load(keeper.draft.path, bank.any_scale) is not None  # kept for --resume
    assert not lock_path(keeper.draft.path).exists()
    said: list[str] = []
    with opened(bank, store, resume=True, said=said) as again:
        assert again.answers == {first: 3}


def test_after_finishing_neither_the_draft_nor_the_lock_file_is_left(
    bank: Bank, store: Store
) -> None:
    with opened(bank, store) as keeper:
        keeper({bank.questions[0].id: 1})
        keeper.finish()
        assert not keeper.draft.path.exists()
    assert list(store.folder.iterdir()) == []


def test_no_save_holds_no_lock_and_writes_no_draft(bank: Bank, store: Store) -> None:
    with opened(bank, store, keep=False) as keeper, opened(bank, store, keep=False):
        keeper({bank.questions[0].id: 1})
        assert keeper.lock.fd is None
    assert not store.folder.exists() or list(store.folder.iterdir()) == []


def test_letting_go_twice_is_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "x.draft.json"
    with DraftLock.take(draft, "under test", "no.") as lock:
        lock.release()
        assert not lock_path(draft).exists()
        again = DraftLock.take(draft, "under test", "no.")  # free already
        again.release()
    lock.release()
    assert not lock_path(draft).exists()


def test_forget_lets_go_of_every_lock_it_took_when_one_draft_is_in_use(tmp_path: Path) -> None:
    from closeness_quiz.store.forgetting import Doomed, delete

    first, second = tmp_path / "a.draft.json", tmp_path / "b.draft.json"
    for path in (first, second):
        path.write_text("{}", encoding="utf-8")
    doomed = [Doomed(p, "unfinished quiz", "Alex", None) for p in (first, second)]
    with DraftLock.take(second, "elsewhere", "no."), pytest.raises(UserError) as refused:
        delete(doomed)
    assert "being answered right now" in str(refused.value)
    assert first.exists() and second.exists()  # nothing deleted
    assert not lock_path(first).exists()  # the lock it took on the first went with the refusal
