"""What an import did, counted as it goes and told at the end."""

import sys
import time
from collections import Counter

# Named problems kept for the final report; beyond this only the counts grow.
MAX_LISTED = 200


class Report:
    def __init__(
        self, *, progress=sys.stderr, every_seconds: float = 2.0, debug: bool = False
    ):
        self.debug = debug  # print a traceback for each failed item
        self.counts: Counter = Counter()  # (kind, outcome) → number
        self.reasons: Counter = Counter()  # (kind, outcome, reason) → number
        self.listed: list[str] = []
        self.unlisted = 0
        self.progress = progress
        self.every_seconds = every_seconds
        self.started = time.monotonic()
        self.last_shown = self.started
        self.posts_seen = 0
        self.phase = ""
        self.phase_started = self.started

    def count(
        self,
        kind: str,
        outcome: str,
        reason: str = "",
        item: str = "",
        detail: str = "",
    ) -> None:
        """Record one item's outcome: "created", "updated", "skipped", "failed" or
        "warning"; `reason` is counted as written, so item-specific words go in `detail`."""
        self.counts[(kind, outcome)] += 1
        if reason:
            self.reasons[(kind, outcome, reason)] += 1
        if item and outcome in ("skipped", "failed", "warning"):
            if len(self.listed) < MAX_LISTED:
                extra = f" ({detail})" if detail else ""
                self.listed.append(f"{outcome}: {kind} {item}: {reason}{extra}")
            else:
                self.unlisted += 1

    def tick(self, phase: str) -> None:
        """Called once per item read; prints a progress line every few seconds."""
        now = time.monotonic()
        if phase != self.phase:
            # Each pass reads the whole file: its rate is counted from its own start.
            self.phase, self.phase_started, self.posts_seen = phase, now, 0
        self.posts_seen += 1
        if self.progress is not None and now - self.last_shown >= self.every_seconds:
            self.last_shown = now
            rate = self.posts_seen / max(now - self.phase_started, 1e-9)
            done = ", ".join(
                f"{kind} {outcome} {number}"
                for (kind, outcome), number in sorted(self.counts.items())
            )
            print(
                f"[{phase}] {self.posts_seen} items read, {rate:.0f}/s — {done}",
                file=self.progress,
                flush=True,
            )

    def total(self, kind: str, outcome: str) -> int:
        return self.counts[(kind, outcome)]

    def lines(self) -> list[str]:
        elapsed = time.monotonic() - self.started
        lines = [f"Finished in {elapsed:.1f}s."]
        kinds = sorted({kind for kind, _ in self.counts})
        for kind in kinds:
            parts = [
                f"{outcome} {self.counts[(kind, outcome)]}"
                for outcome in ("created", "updated", "skipped", "failed", "warning")
                if self.counts[(kind, outcome)]
            ]
            lines.append(f"  {kind}: " + ", ".join(parts))
        if self.reasons:
            lines.append("Reasons:")
            for (kind, outcome, reason), number in sorted(self.reasons.items()):
                lines.append(f"  {kind} {outcome} ×{number}: {reason}")
        if self.listed:
            lines.append("Items:")
            lines.extend(f"  {line}" for line in self.listed)
            if self.unlisted:
                lines.append(f"  … and {self.unlisted} more")
        return lines
