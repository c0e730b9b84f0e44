"""The rule grammar: how coding rules are written, read sentence by sentence.

Each rule looks at one sentence (and, for a statement that leans on the sentence before it, that
sentence too) and its mentions, and states facts in the words of the review format. The rules:

- ``pair.<relation>``: a trigger phrase between two sides ("B is included in A", "A includes B",
  "B should NOT be reported separately with A", "B is reported separately with A"); codes and
  categories left and right of the trigger take the roles the relation gives them. A negation
  cue shortly before the trigger turns the reading round and marks the stance.
- ``pair.conditional``: "If B is used during A, it must be reported separately."
- ``pair.carried``: a sentence that names only one side, opened by a connective ("Therefore,
  77003 should NOT be reported separately") takes the other side from the sentence before.
- ``pair.claim_lines``: what one claim carries: "bill 64483 but not 77003", "the claim should
  include 64493 and 20553", "report both codes".
- ``pair.answer``: a question ("Is 76000 inherent in 50590?") answered "Yes" in the next sentence.
- ``pair.line_judged``: a claim line named by its codes and what becomes of it ("77003 billed
  with 64483 is bundled"); a quote that only asks states nothing, whichever rule read it.
- ``addon``: "report add-on code 77003 with 62323", "77002 is an add-on code ... 62370".
- ``addon.uses``: "These codes are reported in conjunction with procedures ... Examples include:"
  and a bulleted list of uses, each paired with the codes whose descriptor names it.
- ``replacement``: "if ..., 62321 should be used instead", "a different code should be reported".
- ``modifier``: a modifier tied to a code, and to the other codes or categories it is named with.
- ``frequency``: "once per session", "no more than 4 sessions in a 12-month rolling period".
- ``attribute``: descriptor-like sentences of one code: region, approach, guidance included or
  excluded, catheter, add-on, guidance code modality and region.

A sentence's "focus" is the first code of the last sentence that named one outside parentheses,
in the same paragraph: "this code", "these codes" and statements without a code of their own
refer to it.

The readers live one kind to a module: ``pairs`` (a trigger phrase between two sides),
``together`` (codes named together: not-together, billed-with, notation, edits, denials, topics,
removals), ``claim_lines`` (codes listed for one claim), ``tables`` (table rows and code lists),
``addons``, ``replacements``, ``modifiers`` and ``attributes`` (attributes, descriptors,
frequency, indications), ``legend`` (marks a document defines), ``uses`` (uses listed under a
statement of codes). ``clauses`` and ``context`` hold what several of them share, ``restated``
tells quoted and refuted text, and ``reading`` runs them all over a document.
"""

from __future__ import annotations

from .context import Reading
from .reading import read_sentences

__all__ = ["Reading", "read_sentences"]
