"""Progress for every quality indicator, and a way to jump to any statement."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from selfeval.evaluation.session import EvaluationSession
from selfeval.framework.sections import Statement
from selfeval.scoring import score_group
from selfeval.tui.keys import Key, bindings, key_help, sentence
from selfeval.tui.text import fit, level_label, plain
from selfeval.tui.widgets.key_footer import KeyFooter

__all__ = ["OverviewScreen"]


INTRO = (
    "Overview: how many statements of each quality indicator are answered (e.g. 3/7), and "
    "the level suggested for each so far."
)
"""What the screen is for: at its top, before the sentence of its keys, and in its help."""

KEYS = (
    Key("", "", "move through the quality indicators and their statements", "the arrow keys",
        said="to move"),
    Key("", "", "open a quality indicator, or go to the highlighted statement", "Enter",
        said="to open a quality indicator or go to a statement"),
    Key("escape,o", "close", "go back to the statement you were on", "Esc or o",
        "Back to the statement", said="to go back"),
    Key("question_mark", "app.help", "this help", "?", "Help"),
    Key("", "app.quit", "quit; everything is already saved", "Ctrl+Q"),
)  # fmt: skip
"""The screen's keys: its bindings, footer, help and top sentence are built from them."""


class OverviewScreen(Screen[str | None]):
    """A tree of QIs and their statements; Enter on a statement returns its id."""

    BINDINGS = bindings(KEYS)

    def __init__(self, session: EvaluationSession, current: str | None) -> None:
        super().__init__()
        self.session = session
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                ("Overview", "bold"), f"{INTRO.removeprefix('Overview')} {sentence(KEYS, (0, 0))}"
            ),
            id="where",
        )
        yield Tree(Text("Quality indicators"), id="overview")
        yield Static(id="overview-detail")
        yield KeyFooter(at_once=True)

    @property
    def KEY_HELP(self) -> tuple[list[tuple[str, str]], str]:
        """The keys the help lists for this screen (not the statement screen's)."""
        return key_help(KEYS, self.session.scale, INTRO)

    def on_mount(self) -> None:
        tree = self.query_one("#overview", Tree)
        tree.show_root = False
        fw = self.session.framework
        evaluation = self.session.evaluation
        stage = evaluation.setting.audience
        scale = self.session.scale
        self._room = max(20, self.app.size.width - 28)  # the tree's guides, tick, rating first
        self._unfilled: dict[int, list[Statement]] = {}
        cursor_node = None
        for group in fw.groups(stage, evaluation.setting.qi_framework):
            asked = [fw.statements[sid] for sid in group.asked]
            if not asked:
                continue
            result = score_group(fw, group, stage, evaluation.answers)
            done = result.rated + result.not_applicable
            tick = "✓" if done == len(asked) else " "
            level = (
                f"suggested {scale.label(result.suggested)}"
                if result.suggested is not None
                else "no level yet"
            )
            label = Text.assemble(
                f"{tick} {done:>2}/{len(asked):<2} ",
                (fit(f"{result.heading}", self._room - len(level)), "bold"),
                f"  ({level})",
            )
            holds_current = any(s.id == self.current for s in asked)
            node = tree.root.add(label, expand=holds_current, allow_expand=True)
            if holds_current:
                cursor_node = self._fill(node, asked)
            else:  # its statements are added when it is opened (300 lines cost 15 ms)
                self._unfilled[node.id] = asked
        tree.focus()
        if cursor_node is not None:
            self.call_after_refresh(tree.move_cursor, cursor_node)

    def _fill(self, node: TreeNode[str], asked: list[Statement]) -> TreeNode[str] | None:
        """Put *asked* under *node*, one line each; the current statement's line, if there."""
        evaluation = self.session.evaluation
        scale = self.session.scale
        elc = self.session.framework.stage(evaluation.setting.audience).elc_wording
        current = None
        for statement in asked:
            answer = evaluation.answer(statement.id)
            mark = "✓" if answer.is_answered else "·"
            rating = level_label(scale, answer.rating, answer.not_applicable)
            leaf = node.add_leaf(
                Text.assemble(
                    f"{mark} ",
                    (f"{rating:<16}", "bold" if answer.is_answered else "dim"),
                    plain(fit(statement.wording(elc), self._room - 4)),
                ),
                data=statement.id,
            )
            if statement.id == self.current:
                current = leaf
        return current

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        asked = self._unfilled.pop(event.node.id, None)
        if asked is not None:
            self._fill(event.node, asked)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """The highlighted statement in full: the tree shows one line of each."""
        detail = Text()
        if event.node.data is not None:
            fw = self.session.framework
            statement = fw.statements[event.node.data]
            elc = fw.stage(self.session.evaluation.setting.stage).elc_wording
            detail = plain(statement.wording(elc), style="bold")
            evidence = self.session.answer(statement.id).evidence.strip()
            if evidence:
                detail.append("\nHow we know: ", style="italic")
                detail.append_text(plain(" ".join(evidence.split())))
        self.query_one("#overview-detail", Static).update(detail)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data is not None:
            self.dismiss(event.node.data)

    def action_close(self) -> None:
        self.dismiss(None)
