"""Facts of the domain that several modules rely on, stated once: which Etalab EPCI types are
métropoles, the shape of an INSEE commune code, how a contract partner's code type decides its
kind, and the resource the VoID description shows as an example.

>>> bool(COMMUNE_CODE.match("2A004")), bool(COMMUNE_CODE.match("2C004"))
(True, False)
>>> partner_kind("SIREN (EPCI)"), partner_kind("INSEE commune"), partner_kind("—")
('siren', 'commune', 'local')
"""

from __future__ import annotations

import re

METROPOLE_TYPES = frozenset({"METRO", "MET69"})  # Etalab EPCI types of a métropole
# Two digits (2A and 2B for Corsica) then three: the commune codes of the Etalab reference
COMMUNE_CODE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{3}$")
# partner_code_type prefix in data/sources/contracts.csv -> how the partner is keyed
PARTNER_CODE_TYPES = (("SIREN", "siren"), ("INSEE commune", "commune"))
EXAMPLE_METROPOLE = "200046977"  # Métropole de Lyon: void:exampleResource of the dataset


def partner_kind(code_type: str) -> str:
    """'siren', 'commune', or 'local' for a partner with no official code."""
    return next(
        (kind for prefix, kind in PARTNER_CODE_TYPES if code_type.startswith(prefix)), "local"
    )
