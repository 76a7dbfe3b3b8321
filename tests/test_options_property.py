"""Random option values for the read commands (issue 15): never a traceback; exit 0 for a value
the validation layer accepts, else 2 with one line naming the option."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from sanderling.cli import app
from store_fixtures import write_sample

runner = CliRunner()
OPTIONS = {"events": ["--country", "--type", "--mode", "--since", "--until", "--limit"],
           "statements": ["--country"], "counts": ["--country", "--type", "--since", "--until"]}
VALUES = st.one_of(st.text(max_size=12), st.sampled_from(["2024", "2024-02-30", "2024-13", "-1", "0", "CHN", "igo",
                                                          "China", "consult", "YIELD", "meet", "1e10", "[/x]"]))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "s.duckdb"
    write_sample(path)
    return path


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(sorted(OPTIONS)), data=st.data())
def test_random_option_values(db, command, data):
    option = data.draw(st.sampled_from(OPTIONS[command]))
    value = data.draw(VALUES)
    if value.startswith("-") and not value.lstrip("-").isdigit():
        value = " " + value  # not an option name for click
    result = runner.invoke(app, [command, "--db", str(db), option, value, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and option in lines[0], result.stderr
