"""Running import_articles in tests: the command, generated wire stories, the fixture folder."""

import shutil
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_section

FIXTURES = Path(__file__).parent / "fixtures" / "wire"
ROOT = Path(__file__).resolve().parent.parent


class TerminalStringIO(StringIO):
    def isatty(self):
        return True


def run_import(*args, tty=False):
    """Run the command; return its exit status, output rows (tab-split) and standard error."""
    out = StringIO()
    err = TerminalStringIO() if tty else StringIO()
    code = 0
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        code = exc.returncode
        err.write(f"CommandError: {exc}\n")
    lines = out.getvalue().splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("summary\t")]
    summary = [line for line in lines if line.startswith("summary\t")]
    return SimpleNamespace(code=code, out=out.getvalue(), rows=rows, summary=summary[-1] if summary else "", err=err.getvalue())


def story(headline="Warga Bantul panen padi lebih awal", standfirst="Hujan yang datang tepat waktu membuat gabah cepat menguning.", paragraphs=None, signoff="Wartakum News"):
    paragraphs = paragraphs or [
        "Petani di Kecamatan Pleret mulai memanen padi dua pekan lebih awal dari jadwal biasanya.",
        "“Gabahnya bagus, kering, dan bulirnya penuh,” kata Suparno, ketua kelompok tani setempat.",
        "Dinas Pertanian memperkirakan hasil panen naik sepuluh persen dibanding musim lalu.",
    ]
    return "\n".join([headline, standfirst, *paragraphs, signoff]) + "\n"


def write(folder, name, content):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def wire_dir(tmp_path):
    folder = tmp_path / "kiriman"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture
def nasional(db):
    return make_section("Nasional", slug="nasional")
