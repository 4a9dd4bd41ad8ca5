"""The human-readable `tanyabot eval` report."""

from __future__ import annotations

from faq.evaluation import EvalReport


def render_report(report: EvalReport) -> str:
    lines = [
        f"items: {report.total} ({report.in_scope} in scope, {report.out_of_scope} out of scope)",
        f"in-scope top-1:        {report.inscope_top1:6.2f} %  ({report.right_in_scope}/{report.in_scope})",
        f"in-scope top-3:        {report.inscope_top3:6.2f} %  ({report.top3_in_scope}/{report.in_scope})",
        f"out-of-scope rejected: {report.oos_rejected:6.2f} %  ({report.rejected_out_of_scope}/{report.out_of_scope})",
        f"wrong answers:         {report.wrong:6.2f} %  ({report.wrong_answers}/{report.in_scope})",
        f"overall:               {report.overall:6.2f} %",
        "",
        "per intent (support, precision, recall):",
    ]
    for intent_id, row in report.precision_recall().items():
        lines.append(f"  {intent_id:28} {row['support']:4d} {row['precision']:7.2f} {row['recall']:7.2f}")
    if report.confusions:
        lines += ["", "confusions (expected -> got: count):"]
        for (expected, got), count in report.confusions.most_common():
            lines.append(f"  {expected or 'null'} -> {got or 'null'}: {count}")
    if report.misses:
        lines += ["", "misses:"]
        for miss in report.misses:
            top = ", ".join(f"{t['id']} {t['score']:.1f}" for t in miss["top3"]) or "-"
            lines.append(
                f"  [{miss['expected'] or 'null'} -> {miss['got'] or 'null'} {miss['score']:.1f}] {miss['q']!r}  top3: {top}"
            )
    return "\n".join(lines)
