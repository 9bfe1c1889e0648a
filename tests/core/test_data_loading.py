"""The --data syntax and the file/folder loaders: npz, npy, CSV, image and text folders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from netbuilder.core.training.standalone import (
    DataError,
    describe_data,
    load_data,
    load_dataset,
    parse_data_arg,
)

# -- the module stands alone ------------------------------------------------------------


def test_standalone_module_is_self_contained(tmp_path: Path) -> None:
    """Exported scripts embed its source: top-level imports are stdlib and numpy only."""
    import ast
    import subprocess
    import sys

    from netbuilder.core.codegen_train import STANDALONE_FILES, standalone_parts

    top = set()
    for path in STANDALONE_FILES:
        for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(stmt, ast.Import):
                top |= {a.name.split(".")[0] for a in stmt.names}
            elif isinstance(stmt, ast.ImportFrom) and not stmt.level:
                top.add((stmt.module or "").split(".")[0])
    assert top <= {"__future__", "csv", "os", "re", "zipfile", "collections", "typing", "numpy"}, (
        top
    )
    parts = standalone_parts()  # exactly what exported scripts embed
    source = "\n".join([*parts.futures, *parts.imports, parts.body])
    script = tmp_path / "data_only.py"
    script.write_text(
        source + "\nx, y = load_data(parse_data_arg('flying_ball:samples=7'), ['a'], ['b'])\n"
        "print(x['a'].shape, y['b'].shape)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.stdout.strip() == "(7, 5, 10) (7,)", done.stderr


# -- parse_data_arg ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("long_memory", {"kind": "builtin", "name": "long_memory"}),
        (
            "builtin:long_memory:length=100,repeats=1,samples=500",
            {"kind": "builtin", "name": "long_memory", "length": 100, "repeats": 1, "samples": 500},
        ),
        ("shapes_64:noise=0.2", {"kind": "builtin", "name": "shapes_64", "noise": 0.2}),
        ("data/a.npz", {"kind": "npz", "path": "data/a.npz"}),
        (
            "a.npz:x=img,meta;y=label",
            {"kind": "npz", "path": "a.npz", "x": ["img", "meta"], "y": ["label"]},
        ),
        ("x=a.npy,b.npy;y=c.npy", {"kind": "npy", "x": ["a.npy", "b.npy"], "y": ["c.npy"]}),
        ("npy:x=a.npy;y=c.npy", {"kind": "npy", "x": ["a.npy"], "y": ["c.npy"]}),
        ("x=a.npy,y=c.npy", {"kind": "npy", "x": ["a.npy"], "y": ["c.npy"]}),
        (
            "iris.csv:target=species,features=a,b,c",
            {"kind": "csv", "path": "iris.csv", "target": "species", "features": ["a", "b", "c"]},
        ),
        (
            "images:pics:size=32x48,color=rgb",
            {"kind": "images", "path": "pics", "size": [32, 48], "color": "rgb"},
        ),
        (
            "texts:corpus:length=50,vocab=300",
            {"kind": "texts", "path": "corpus", "length": 50, "vocab": 300},
        ),
    ],
)
def test_parse_data_arg(text: str, expected: dict) -> None:
    assert parse_data_arg(text) == expected


def test_parse_bare_folders_by_content(tmp_path: Path) -> None:
    _write_texts(tmp_path / "t", {"a": ["x y"], "b": ["z"]})
    _write_images(tmp_path / "i", {"a": 1, "b": 1}, 8)
    assert parse_data_arg(str(tmp_path / "t"))["kind"] == "texts"
    assert parse_data_arg(str(tmp_path / "i") + ":size=8x8")["size"] == [8, 8]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("no_such_dataset", "Unknown built-in dataset 'no_such_dataset'; choose one of"),
        ("builtin:nope", "Unknown built-in dataset 'nope'"),
        ("only.npy", "holds no targets"),
        ("/no/such/folder", "There is no file or folder /no/such/folder"),
        ("a.csv:colour=red", "Unknown option 'colour' for csv data"),
        ("a.npz:=3", "no name before '='"),
    ],
)
def test_parse_errors(text: str, words: str) -> None:
    with pytest.raises(DataError, match=words.replace("(", r"\(").replace(".", r"\.")):
        parse_data_arg(text)


# -- builtin ------------------------------------------------------------------------------


def test_builtin_multi_io_matches_node_names_in_any_order() -> None:
    spec = {"kind": "builtin", "name": "multi_io", "samples": 50}
    x, y = load_data(spec, ["tokens", "features"], ["label", "score"], seed=3)
    assert x["tokens"].dtype == np.int32 and x["features"].shape == (50, 16)
    assert set(np.unique(y["label"])) <= {0, 1} and y["score"].dtype == np.float32
    # Other names: matched by order.
    x2, y2 = load_data(spec, ["a", "b"], ["c", "d"], seed=3)
    np.testing.assert_array_equal(x2["b"], x["tokens"])
    np.testing.assert_array_equal(y2["d"], y["label"])


def test_builtin_options_seed_and_errors() -> None:
    spec = parse_data_arg("long_memory:length=64,samples=30")
    x, y = load_data(spec, ["tokens"], ["out"], seed=5)
    again, _ = load_data(spec, ["tokens"], ["out"], seed=5)
    assert x["tokens"].shape == (30, 64)
    np.testing.assert_array_equal(x["tokens"], again["tokens"])
    with pytest.raises(
        DataError, match=r"gives 1 input array, but the model has 2 inputs \(a, b\)"
    ):
        load_data(spec, ["a", "b"], ["out"])
    with pytest.raises(DataError, match="does not take these options"):
        load_data({"kind": "builtin", "name": "keywords", "colour": 1}, ["a"], ["b"])
    with pytest.raises(DataError, match="Unknown data kind 'zip'"):
        load_data({"kind": "zip"}, ["a"], ["b"])


# -- npz / npy ---------------------------------------------------------------------------


def test_npz_by_node_names(tmp_path: Path) -> None:
    img, meta, label = np.ones((6, 4, 4, 1)), np.zeros((6, 3)), np.arange(6)
    np.savez(tmp_path / "d.npz", label=label, meta=meta, img=img)
    x, y = load_data({"kind": "npz", "path": "d.npz"}, ["img", "meta"], ["label"], 0, tmp_path)
    assert x["img"].shape == (6, 4, 4, 1) and x["meta"].shape == (6, 3)
    np.testing.assert_array_equal(y["label"], label)


def test_npz_x_y_explicit_and_first_arrays(tmp_path: Path) -> None:
    np.savez(tmp_path / "xy.npz", x=np.ones((5, 2)), y=np.zeros(5))
    x, y = load_data(parse_data_arg("xy.npz"), ["inp"], ["out"], base_dir=str(tmp_path))
    assert x["inp"].shape == (5, 2) and y["out"].shape == (5,)
    np.savez(tmp_path / "named.npz", feats=np.ones((5, 2)), target=np.ones(5), extra=np.ones(1))
    spec = parse_data_arg("named.npz:x=feats;y=target")
    x, y = load_data(spec, ["inp"], ["out"], base_dir=str(tmp_path))
    assert x["inp"].shape == (5, 2)
    # No names given, none match: the first arrays in file order (inputs first).
    x, y = load_data({"kind": "npz", "path": "named.npz"}, ["i"], ["o"], base_dir=str(tmp_path))
    assert x["i"].shape == (5, 2) and y["o"].shape == (5,)
    with pytest.raises(DataError, match="has no array 'nope'; it holds feats, target, extra"):
        load_data(parse_data_arg("named.npz:x=nope;y=target"), ["i"], ["o"], 0, str(tmp_path))
    with pytest.raises(DataError, match=r"There is no file .*missing\.npz"):
        load_data(parse_data_arg("missing.npz"), ["i"], ["o"], 0, str(tmp_path))


def test_npy_pairs(tmp_path: Path) -> None:
    np.save(tmp_path / "x.npy", np.ones((4, 3), dtype="float32"))
    np.save(tmp_path / "y.npy", np.arange(4))
    x, y = load_data(parse_data_arg("x=x.npy;y=y.npy"), ["a"], ["b"], base_dir=str(tmp_path))
    assert x["a"].shape == (4, 3) and y["b"].tolist() == [0, 1, 2, 3]
    with pytest.raises(DataError, match="There is no file"):
        load_data(parse_data_arg("x=x.npy;y=q.npy"), ["a"], ["b"], base_dir=str(tmp_path))


# -- CSV ---------------------------------------------------------------------------------

CSV = """length,width,weight,species
5.1,3.5,10,setosa
6.2,2.9,14,versicolor
5.9,3.0,12,setosa
6.8,3.1,20,virginica
"""


def test_csv_categorical_target_keeps_class_names(tmp_path: Path) -> None:
    (tmp_path / "iris.csv").write_text(CSV, encoding="utf-8")
    data = load_dataset(parse_data_arg("iris.csv"), ["x"], ["y"], base_dir=str(tmp_path))
    assert data["x"]["x"].shape == (4, 3) and data["x"]["x"].dtype == np.float32
    assert data["y"]["y"].tolist() == [0, 1, 0, 2]
    assert data["classes"]["y"] == ["setosa", "versicolor", "virginica"]


def test_csv_numeric_targets_and_feature_choice(tmp_path: Path) -> None:
    (tmp_path / "iris.csv").write_text(CSV, encoding="utf-8")
    spec = parse_data_arg("iris.csv:target=weight,features=length,width")
    x, y = load_data(spec, ["x"], ["y"], base_dir=str(tmp_path))
    assert x["x"].tolist()[0] == pytest.approx([5.1, 3.5])
    assert y["y"].dtype == np.int32  # few small whole numbers read as class ids
    spec["task"] = "regression"
    _, y = load_data(spec, ["x"], ["y"], base_dir=str(tmp_path))
    assert y["y"].shape == (4, 1) and y["y"].dtype == np.float32
    spec = parse_data_arg("iris.csv:target=length,features=width")
    _, y = load_data(spec, ["x"], ["y"], base_dir=str(tmp_path))
    assert y["y"][:, 0] == pytest.approx([5.1, 6.2, 5.9, 6.8])


def test_csv_errors(tmp_path: Path) -> None:
    (tmp_path / "iris.csv").write_text(CSV, encoding="utf-8")
    base = str(tmp_path)
    with pytest.raises(DataError, match="has no column 'colour'; it has length, width"):
        load_data(parse_data_arg("iris.csv:target=colour"), ["x"], ["y"], base_dir=base)
    with pytest.raises(DataError, match="feature column 'species' .* holds text"):
        load_data(parse_data_arg("iris.csv:target=weight"), ["x"], ["y"], base_dir=base)
    (tmp_path / "gap.csv").write_text("a,b\n1,2\n3,\n", encoding="utf-8")
    with pytest.raises(DataError, match="Row 3 .* no value in column 'b'"):
        load_data(parse_data_arg("gap.csv"), ["x"], ["y"], base_dir=base)
    (tmp_path / "empty.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(DataError, match="no data rows"):
        load_data(parse_data_arg("empty.csv"), ["x"], ["y"], base_dir=base)


# -- image and text folders -------------------------------------------------------------


def _write_images(root: Path, counts: dict[str, int], size: int) -> None:
    from PIL import Image

    rng = np.random.default_rng(0)
    for label, (name, count) in enumerate(counts.items()):
        (root / name).mkdir(parents=True)
        for i in range(count):
            pixels = np.full((size, size), 40 + 170 * label, dtype="uint8")
            pixels[rng.integers(0, size), :] = 255 - pixels[0, 0]
            Image.fromarray(pixels, mode="L").save(root / name / f"{i}.png")


def _write_texts(root: Path, classes: dict[str, list[str]]) -> None:
    for name, texts in classes.items():
        (root / name).mkdir(parents=True)
        for i, text in enumerate(texts):
            (root / name / f"{i}.txt").write_text(text, encoding="utf-8")


def test_image_folder(tmp_path: Path) -> None:
    _write_images(tmp_path / "pics", {"cats": 3, "dogs": 4}, 12)
    spec = parse_data_arg("images:pics:size=8x8")
    data = load_dataset(spec, ["image"], ["kind"], seed=1, base_dir=str(tmp_path))
    x, y = data["x"]["image"], data["y"]["kind"]
    assert x.shape == (7, 8, 8, 1) and x.dtype == np.float32
    assert x.min() >= 0.0 and x.max() <= 1.0
    assert sorted(y.tolist()) == [0, 0, 0, 1, 1, 1, 1]
    assert data["classes"]["kind"] == ["cats", "dogs"]
    # The label follows the picture: dark backgrounds are cats, light ones dogs.
    np.testing.assert_array_equal(x.mean(axis=(1, 2, 3)) > 0.5, y == 1)
    rgb, _ = load_data({**spec, "color": "rgb"}, ["image"], ["kind"], 1, str(tmp_path))
    assert rgb["image"].shape == (7, 8, 8, 3)


def test_russian_text_folder_keeps_cyrillic(tmp_path: Path) -> None:
    _write_texts(
        tmp_path / "reviews",
        {
            "плохо": ["Ужасный фильм, СКУЧНО!", "Скучно и долго."],
            "хорошо": ["Отличный фильм!", "Отличный сюжет, отличные актёры."],
        },
    )
    spec = parse_data_arg("texts:reviews:length=6,vocab=50")
    data = load_dataset(spec, ["tokens"], ["label"], seed=0, base_dir=str(tmp_path))
    tokens, vocab = data["x"]["tokens"], data["vocabulary"]
    assert tokens.shape == (4, 6) and tokens.dtype == np.int32
    for word in ("отличный", "скучно", "фильм", "актёры"):
        assert word in vocab, vocab
    assert not any("," in w or "!" in w for w in vocab)
    # Decoding the tokens gives the lowercased words back, label by label.
    decoded = [" ".join(vocab[t] for t in row if t) for row in tokens]
    labels = data["y"]["label"].tolist()
    assert "ужасный фильм скучно" in decoded
    assert labels[decoded.index("ужасный фильм скучно")] == 0
    assert data["classes"]["label"] == ["плохо", "хорошо"]


def test_folder_errors(tmp_path: Path) -> None:
    (tmp_path / "empty" / "a").mkdir(parents=True)
    with pytest.raises(DataError, match="no class sub-folders with images"):
        parse_data_arg(str(tmp_path / "empty"))
    with pytest.raises(DataError, match=r"holds no class sub-folders with \.txt files"):
        load_data(parse_data_arg("texts:empty"), ["a"], ["b"], base_dir=str(tmp_path))
    with pytest.raises(DataError, match="There is no folder"):
        load_data(parse_data_arg("images:nothing"), ["a"], ["b"], base_dir=str(tmp_path))
    _write_texts(tmp_path / "t", {"a": ["x"], "b": ["y"]})
    with pytest.raises(DataError, match="one input and one output"):
        load_data(parse_data_arg("texts:t"), ["a", "b"], ["c"], base_dir=str(tmp_path))


def test_describe_data() -> None:
    x = {"img": np.zeros((6, 4, 4, 1), dtype="float32")}
    y = {"label": np.array([0, 1, 1, 2, 2, 2], dtype="int32"), "score": np.linspace(0, 1, 6)}
    info = describe_data(x, y)
    assert info["samples"] == 6
    assert info["inputs"]["img"] == {"shape": [4, 4, 1], "dtype": "float32", "min": 0.0, "max": 0.0}
    assert info["targets"]["label"]["classes"] == {0: 1, 1: 2, 2: 3}
    assert "classes" not in info["targets"]["score"]


# -- preview -----------------------------------------------------------------------------


def test_preview_builtin_images_and_labels() -> None:
    from netbuilder.core.training.preview import preview

    spec = parse_data_arg("shapes_64:samples=40")
    result = preview(spec, ["image"], ["is_circle"], n=5)
    assert result["count"] == 40 and len(result["samples"]) == 5
    assert result["inputs"]["image"]["shape"] == [64, 64, 1]
    assert result["targets"]["is_circle"]["classes"] == {0: 20, 1: 20}
    item = result["samples"][0]["inputs"]["image"]
    assert item["kind"] == "image" and item["image"].dtype == np.uint8
    assert item["image"].shape == (64, 64) and item["image"].max() > 200
    label = result["samples"][0]["targets"]["is_circle"]
    assert label["kind"] == "label" and label["value"] in (0, 1)


def test_preview_texts_decoded_with_class_names(tmp_path: Path) -> None:
    from netbuilder.core.training.preview import preview

    _write_texts(tmp_path / "r", {"плохо": ["Скучно, скучно!"], "хорошо": ["Отличный фильм"]})
    result = preview(parse_data_arg("texts:r:length=5"), ["t"], ["y"], str(tmp_path))
    texts = {s["inputs"]["t"]["text"]: s["targets"]["y"]["name"] for s in result["samples"]}
    assert texts == {"скучно скучно": "плохо", "отличный фильм": "хорошо"}
    assert result["targets"]["y"]["class_names"] == ["плохо", "хорошо"]


def test_preview_plain_values_and_big_images() -> None:
    from netbuilder.core.training.preview import preview, to_uint8_image

    result = preview(parse_data_arg("multi_io:samples=10"), ["features", "tokens"], ["s", "l"])
    first = result["samples"][0]
    assert first["inputs"]["features"]["kind"] == "values"
    assert len(first["inputs"]["features"]["values"]) == 12
    assert first["inputs"]["tokens"]["kind"] == "text" and len(first["inputs"]["tokens"]) == 3
    assert first["targets"]["s"]["kind"] == "values"
    big = to_uint8_image(np.linspace(-1, 1, 200 * 300 * 3).reshape(200, 300, 3))
    assert big.shape == (40, 60, 3) and big.min() == 0 and big.max() == 255


def test_broken_image_gives_data_error(tmp_path: Path) -> None:
    _write_images(tmp_path / "pics", {"a": 1, "b": 1}, 8)
    (tmp_path / "pics" / "b" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    with pytest.raises(
        DataError, match=r"The image b.broken\.png in .*pics cannot be read \(Invalid PNG"
    ):
        load_data(parse_data_arg("images:pics"), ["x"], ["y"], base_dir=str(tmp_path))


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bad.npz", b"PK\x03\x04 not a zip", "bad.npz cannot be read"),
        ("bad.npz", b"plain text", "bad.npz cannot be read"),
        ("latin.csv", "a,b\n1,\xe9\n".encode("latin-1"), "latin.csv cannot be read"),
    ],
)
def test_damaged_files_give_data_error(tmp_path: Path, name: str, content: bytes, words: str):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(DataError, match=words):
        load_data(parse_data_arg(name), ["x"], ["y"], base_dir=str(tmp_path))
