from sanderling.data_tables import data_lines, read_rows, read_table


def _write(tmp_path, text, name="t.tsv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_comments_blank_lines_and_header(tmp_path):
    path = _write(tmp_path, "# source: ours\n# licence: CC0\nword\tkind\n\nbrisk\tadj\n  \nfen\tnoun\n")
    assert read_table(path) == [{"word": "brisk", "kind": "adj"}, {"word": "fen", "kind": "noun"}]


def test_short_rows_and_extra_cells(tmp_path):
    path = _write(tmp_path, "a\tb\tc\nx\ny\tz\tw\tv\n")
    assert read_table(path) == [{"a": "x", "b": "", "c": ""}, {"a": "y", "b": "z", "c": "w"}]


def test_cells_as_written_and_only_leading_hash_is_a_comment(tmp_path):
    path = _write(tmp_path, "# note\nname\tcode\n Vell Isle \tVI#1\n")
    assert read_table(path) == [{"name": " Vell Isle ", "code": "VI#1"}]


def test_rows_without_header(tmp_path):
    path = _write(tmp_path, "# groups\nASK\tDEMAND\nYIELD\n")
    assert read_rows(path) == [["ASK", "DEMAND"], ["YIELD"]]
    assert data_lines(path) == ["ASK\tDEMAND", "YIELD"]


def test_quoted_csv(tmp_path):
    path = _write(tmp_path, '# mine\nalias,name\r\nBC,"Blue, Coalition"\r\n', name="t.csv")
    assert read_table(path, sep=",", quoted=True) == [{"alias": "BC", "name": "Blue, Coalition"}]


def test_a_name_is_under_the_data_folder():
    rows = read_table("events/reference_nouns.tsv")
    assert rows and set(rows[0]) == {"noun", "plover"}
