"""Pack a built site into a deterministic zip: `python -m tools.make_zip SITE_DIR OUT_DIR`.

Writes OUT_DIR/<name>-offline.zip, every file under one top folder <name>/. The same site gives
the same bytes: entries sorted, one timestamp (SOURCE_DATE_EPOCH, else 1980), fixed modes.
"""
import argparse
import os
import sys
import time
import zipfile
from pathlib import Path

DEFAULT_NAME = "iran-2024-explainer"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)          # earliest time a zip entry can hold


def make_zip(site_dir: Path, out_dir: Path, name: str = DEFAULT_NAME) -> Path:
    site_dir, out_dir = Path(site_dir), Path(out_dir)
    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"make_zip: {site_dir} has no index.html; build the site first")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}-offline.zip"
    partial = target.with_suffix(".zip.part")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = max(time.gmtime(int(epoch))[:6], ZIP_EPOCH) if epoch else ZIP_EPOCH
    paths = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*") if p.is_file()}
    with zipfile.ZipFile(partial, "w") as zf:
        for relative in sorted(paths):
            info = zipfile.ZipInfo(f"{name}/{relative}", date_time=stamp)
            info.create_system = 3                  # Unix, so the mode below is read
            info.external_attr = 0o100644 << 16     # regular file, rw-r--r--
            zf.writestr(info, paths[relative].read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.make_zip", description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", type=Path, help="built site (e.g. site-offline)")
    parser.add_argument("out_dir", type=Path, help="where the zip goes (e.g. dist)")
    parser.add_argument("--name", default=os.environ.get("ZIP_NAME", DEFAULT_NAME),
                        help=f"zip and top-folder name (default {DEFAULT_NAME})")
    args = parser.parse_args(argv)
    target = make_zip(args.site_dir, args.out_dir, args.name)
    size = target.stat().st_size
    print(f"{target} {size} bytes ({size / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
