"""Catalog invariants that need no Keras: every entry is complete and self-consistent."""

from __future__ import annotations

import re

import pytest

from netbuilder.core.catalog import CATALOG, GENERIC_TYPE, get_spec
from netbuilder.core.catalog.spec import CALL_STYLES, CATEGORIES
from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.inference import Inference
from netbuilder.core.params import (
    AXIS,
    BOOL,
    CHOICE,
    FLOAT,
    INT,
    INT_LIST,
    INT_TUPLE,
    LAYER,
    SHAPE,
    ParamError,
)
from netbuilder.core.shapes import ShapeError

REQUIRED_TYPES = {
    "Input", "Dense", "Embedding", "Activation", "Conv1D", "Conv2D", "Conv2DTranspose",
    "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
    "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D",
    "GlobalAveragePooling2D", "UpSampling2D", "Flatten", "Reshape", "RepeatVector", "Permute",
    "SimpleRNN", "LSTM", "GRU", "Bidirectional", "TimeDistributed", "Concatenate", "Add",
    "Subtract", "Multiply", "Average", "Maximum", "Dropout", "SpatialDropout1D",
    "BatchNormalization", "LayerNormalization", "MultiHeadAttention", "Attention",
}  # fmt: skip

SPECS = list(CATALOG.values())
IDS = list(CATALOG)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_catalog_has_every_required_layer() -> None:
    assert set(CATALOG) >= REQUIRED_TYPES
    assert GENERIC_TYPE not in CATALOG
    assert get_spec("NoSuchLayer") is None


def test_catalog_is_ordered_by_category() -> None:
    positions = [CATEGORIES.index(s.category) for s in SPECS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_entry_is_described(spec) -> None:
    assert spec.type.isidentifier() and spec.type[0].isupper()
    assert spec.category in CATEGORIES
    assert spec.call_style in CALL_STYLES
    assert spec.description and "\n" not in spec.description and len(spec.description) <= 100
    assert spec.doc_url.startswith("https://keras.io/api/layers/")
    assert spec.synonyms and len(set(spec.synonyms)) == len(spec.synonyms)
    assert any(CYRILLIC.search(word) for word in spec.synonyms), "needs a Russian synonym"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_params_are_consistent(spec) -> None:
    names = [p.name for p in spec.params]
    assert len(names) == len(set(names))
    assert "return_state" not in names and "name" not in names
    for p in spec.params:
        assert p.name.isidentifier() and p.help, p.name
        if p.minimum is not None and p.maximum is not None:
            assert p.minimum <= p.maximum, p.name
        if p.kind == CHOICE:
            assert p.choices and len(set(p.choices)) == len(p.choices), p.name
            if not p.required:
                assert p.default in p.choices, p.name
        if p.kind == INT_TUPLE:
            assert p.length >= 1, p.name
            if p.default is not None and not p.required:
                assert len(p.default) == p.length, p.name
        if p.kind == LAYER:
            assert spec.wrapper_param == p.name
            assert p.allowed_layers and all(t in CATALOG for t in p.allowed_layers)
        if not p.required:
            assert p.check(p.default) is None, f"{p.name} default refused by its own spec"
            # Defaults are kept canonical so non_default() leaves them out.
            assert p.coerce(p.default) == p.default, p.name
    assert spec.non_default(spec.defaults()) == {}


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_key_params(spec) -> None:
    keys = spec.key_params
    assert len(keys) <= 3
    assert all(not p.advanced for p in keys)
    # Whatever must be chosen by hand is shown on the node card.
    assert all(p.key for p in spec.params if p.required)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_ports(spec) -> None:
    if spec.is_input:
        assert spec.ports == () and spec.max_inputs == 0
        return
    assert spec.ports
    seen_optional = False
    for port in spec.ports:
        assert port.layout.startswith("(batch"), spec.type
        assert all(r >= 1 for r in port.ranks) and port.min_rank >= 0
        if port.optional:
            seen_optional = True
        else:
            assert not seen_optional, "optional slots come last"
    if spec.variadic:
        assert spec.min_inputs >= 2
    if spec.call_style == "positional" or (spec.call_style == "list" and not spec.is_merge):
        assert [p.name for p in spec.ports][:2] == ["query", "value"]


def test_specific_ranks_and_dtypes() -> None:
    assert CATALOG["LSTM"].ports[0].ranks == (3,)
    assert CATALOG["Conv2D"].ports[0].ranks == (4,)
    assert CATALOG["Conv1D"].ports[0].ranks == (3,)
    assert CATALOG["Dense"].ports[0].min_rank == 2
    assert CATALOG["Flatten"].ports[0].min_rank == 2
    assert CATALOG["RepeatVector"].ports[0].ranks == (2,)
    assert CATALOG["Embedding"].ports[0].integer
    assert CATALOG["MultiHeadAttention"].ports[2].optional
    assert CATALOG["Attention"].ports[2].optional
    for t in ("Reshape", "Flatten", "Permute", "RepeatVector", "Dropout", "SpatialDropout1D"):
        assert CATALOG[t].keeps_dtype, t
    for t in ("Dense", "Embedding", "Conv2D", "LSTM"):
        assert not CATALOG[t].keeps_dtype, t


def _sample_shape(port) -> tuple:
    rank = port.ranks[0] if port.ranks else max(port.min_rank, 3)
    return (None, *([8] * (rank - 1)))


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_starter_params_give_a_shape(spec) -> None:
    """A node added from the palette with its starter params shows a shape at once."""
    assert set(spec.starter_params) <= {p.name for p in spec.params}
    assert spec.check_params(spec.starter_params) == []
    graph = Graph()
    refs = []
    if not spec.is_input:
        n_inputs = spec.min_inputs if spec.variadic else spec.required_inputs
        for i in range(n_inputs):
            port = spec.port(i)
            params = {"shape": _sample_shape(port)[1:]}
            if port.integer:
                params["dtype"] = "int32"
            graph.add_node(Node(f"in{i}", "Input", f"in{i}", params))
            refs.append(Ref(f"in{i}"))
    graph.add_node(Node("n", spec.type, "n", dict(spec.starter_params), refs))
    info = Inference(graph).info("n")
    assert info.error is None, info.error.message
    assert info.output is not None and info.params is not None


def _shape(type_name: str, params: dict, *inputs: tuple) -> tuple:
    spec = CATALOG[type_name]
    effective = {k: spec.param(k).coerce(v) for k, v in spec.resolve(params).items()}
    return spec.shape_fn(effective, list(inputs))


def test_unknown_dims_stay_unknown() -> None:
    assert _shape("Conv2D", {"filters": 4, "kernel_size": 3}, (None, None, 9, 3)) == (
        None,
        None,
        7,
        4,
    )
    assert _shape("MaxPooling1D", {}, (None, None, 3)) == (None, None, 3)
    assert _shape("Flatten", {}, (None, None, 3)) == (None, None)
    assert _shape("LSTM", {"units": 4, "return_sequences": True}, (None, None, 3)) == (
        None,
        None,
        4,
    )


def test_bidirectional_uses_the_inner_layer() -> None:
    inner = {"type": "GRU", "params": {"units": 5, "return_sequences": True}}
    assert _shape("Bidirectional", {"layer": inner}, (None, 7, 3)) == (None, 7, 10)
    assert _shape("Bidirectional", {"layer": inner, "merge_mode": "sum"}, (None, 7, 3)) == (
        None,
        7,
        5,
    )
    spec = CATALOG["Bidirectional"]
    params = {"layer": inner, "merge_mode": None}
    assert spec.outputs_fn(params, [(None, 7, 3)]) == [(None, 7, 5), (None, 7, 5)]
    with pytest.raises(ShapeError) as err:
        _shape("Bidirectional", {"layer": {"type": "LSTM", "params": {}}}, (None, 7, 3))
    assert err.value.code == "param" and err.value.data["inner_param"] == "units"


def test_bidirectional_without_merge_has_two_output_ports() -> None:
    graph = Graph()
    graph.add_node(Node("x", "Input", "x", {"shape": (6, 3)}))
    inner = {"type": "LSTM", "params": {"units": 4}}
    graph.add_node(
        Node("b", "Bidirectional", "b", {"layer": inner, "merge_mode": None}, [Ref("x")])
    )
    graph.add_node(Node("d", "Dense", "d", {"units": 2}, [Ref("b", 1)]))
    infos = Inference(graph).result()
    assert infos["b"].outputs == [(None, 4), (None, 4)]
    assert infos["b"].params == 2 * 4 * (4 * (3 + 4) + 4)
    assert infos["d"].output == (None, 2)


def test_wrapper_refuses_layers_it_cannot_wrap() -> None:
    with pytest.raises(ParamError):
        CATALOG["Bidirectional"].param("layer").coerce({"type": "Dense", "params": {}})
    with pytest.raises(ParamError):
        CATALOG["TimeDistributed"].param("layer").coerce({"type": "LSTM", "params": {}})


def test_dropout_rates_exclude_one() -> None:
    for type_name, name in [("Dropout", "rate"), ("LSTM", "dropout"), ("GRU", "recurrent_dropout")]:
        p = CATALOG[type_name].param(name)
        assert p.check(0.0) is None and p.check(0.5) is None
        assert p.check(1.0) is not None and p.check(-0.1) is not None


def test_bad_params_are_refused_by_specs() -> None:
    assert CATALOG["Dense"].check_params({"units": 0})
    assert CATALOG["Conv2D"].check_params({"filters": 8, "kernel_size": (3, 0)})
    assert CATALOG["Conv1D"].param("padding").check("causal") is None
    assert CATALOG["Conv2D"].param("padding").check("causal") is not None
    assert CATALOG["Input"].check_params({"shape": (0, 3)})


def test_reshape_and_permute_errors() -> None:
    with pytest.raises(ShapeError) as err:
        _shape("Reshape", {"target_shape": (5, 5)}, (None, 3, 4))
    assert err.value.code == "param" and "12" in err.value.message and "25" in err.value.message
    assert _shape("Reshape", {"target_shape": (-1, 3)}, (None, 3, 4)) == (None, 4, 3)
    with pytest.raises(ShapeError) as err:
        _shape("Permute", {"dims": (2, 2)}, (None, 3, 4))
    assert err.value.code == "param"


def _param_values(p):
    """A hypothesis strategy for values that ``p`` accepts (and a few it refuses)."""
    from hypothesis import strategies as st

    low = int(p.minimum) if p.minimum is not None else -2
    if p.kind in (INT, AXIS):
        base = st.integers(low, low + 12)
    elif p.kind == FLOAT:
        base = st.floats(0.0, 0.99)
    elif p.kind == BOOL:
        base = st.booleans()
    elif p.kind == CHOICE:
        base = st.sampled_from(p.choices)
    elif p.kind == INT_TUPLE:
        base = st.tuples(*[st.integers(max(low, 0), 5)] * p.length)
    elif p.kind == INT_LIST:
        base = st.lists(st.integers(low, 4), min_size=1, max_size=4).map(tuple)
    elif p.kind == SHAPE:
        dims = st.one_of(st.none(), st.integers(1, 8))
        base = st.lists(dims, min_size=1, max_size=3).map(tuple)
    elif p.kind == LAYER:
        base = st.sampled_from(p.allowed_layers).flatmap(
            lambda t: st.fixed_dictionaries(
                {name: _param_values(CATALOG[t].param(name)) for name in CATALOG[t].starter_params}
            ).map(lambda params, t=t: {"type": t, "params": params})
        )
    else:
        base = st.text(max_size=5)
    return st.one_of(st.none(), base) if p.nullable else base


def _input_shapes(spec):
    from hypothesis import strategies as st

    if spec.is_input:
        return st.just([])
    count = spec.min_inputs if spec.variadic else len(spec.ports)
    dims = st.one_of(st.none(), st.integers(1, 10))

    def shape(port):
        ranks = list(port.ranks) or list(range(max(port.min_rank, 2), max(port.min_rank, 2) + 3))
        return st.sampled_from(ranks).flatmap(
            lambda r: st.lists(dims, min_size=r - 1, max_size=r - 1).map(lambda d: (None, *d))
        )

    return st.tuples(*[shape(spec.port(i)) for i in range(count)]).map(list)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_shape_functions_only_raise_shape_errors(spec) -> None:
    """Any accepted params on any shapes of the right rank: a shape or a ShapeError."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    params = st.fixed_dictionaries({p.name: _param_values(p) for p in spec.params})

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params, _input_shapes(spec))
    def check(values, shapes) -> None:
        if spec.check_params(values):
            return  # refused by the spec: inference reports it before shapes
        effective = spec.coerce_params(spec.resolve(values))
        try:
            out = spec.shape_fn(effective, shapes)
            count = spec.count_fn(effective, shapes, out)
        except ShapeError as exc:
            assert exc.code and exc.message
            return
        assert out[0] == (shapes[0][0] if shapes else values.get("batch_size"))
        assert all(d is None or isinstance(d, int) for d in out)
        assert isinstance(count, int) and count >= 0

    check()
