from sanderling.events.ontology import (PLOVER_TYPES, crosswalk, default_cameo, goldstein, plover_for_cameo,
                                        quad_class, root_type)


def test_crosswalk_codes():
    assert plover_for_cameo("0874") == "RETREAT"
    assert plover_for_cameo("084") == "RETREAT"
    assert plover_for_cameo("081") == "CONCEDE"
    assert plover_for_cameo("163") == "COERCE"
    assert plover_for_cameo("1712") == "ASSAULT"
    assert plover_for_cameo("190") == "ASSAULT"
    assert plover_for_cameo("046") == "CONSULT"
    assert plover_for_cameo("112") == "ACCUSE"


def test_statements_and_appeals_have_no_plover_type():
    assert plover_for_cameo("010") is None
    assert plover_for_cameo("02") is None
    assert plover_for_cameo(None) is None
    assert plover_for_cameo("abc") is None


def test_prefix_fallback():
    assert plover_for_cameo("0571") == "SUPPORT"  # not in the table: falls back to 057


def test_goldstein():
    assert goldstein("190") == -10.0
    assert goldstein("057") == 8.0
    assert goldstein("04") == 1.0
    assert goldstein("0999") == -2.0  # falls back to 09
    assert goldstein(None) is None


def test_quad_class_and_default_cameo():
    assert quad_class("consult") == 1
    assert quad_class("AID") == 2
    assert quad_class("REJECT") == 3
    assert quad_class("ASSAULT") == 4
    assert quad_class("NOPE") is None
    for t in PLOVER_TYPES:
        code = default_cameo(t)
        assert code is not None and root_type(plover_for_cameo(code)) == root_type(t)
        assert goldstein(code) is not None
    assert default_cameo("YIELD") == "080"


def test_every_crosswalk_type_is_plover():
    assert {t for t, _, _ in crosswalk().values()} <= set(PLOVER_TYPES)
