"""The Development object every section module declares its nodes on."""
from proofs.development import Development

DEVELOPMENT = Development(
    "developments.paper",
    title="Inability of spatial transformations of CNN feature maps to support invariant recognition "
          "(Jansson, Maydanskiy, Finnveden, Lindeberg)",
)


def by_clause(table: dict[str, str]):
    """Decorator under a claim's declaration: give each obligation the clause ``table`` names for it, looked
    up by its name, then by its name without the dimension suffix ``-N2``/``-N3``. An obligation the table
    does not name supports the whole statement (no clause)."""
    import functools
    import re
    from dataclasses import replace

    def wrap(build):
        @functools.wraps(build)
        def built(*args, **kwargs):
            for ob in build(*args, **kwargs):
                clause = table.get(ob.name) or table.get(re.sub(r"-N\d+$", "", ob.name), "")
                yield replace(ob, clause=clause) if clause else ob
        return built
    return wrap
