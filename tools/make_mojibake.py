#!/usr/bin/env python3
"""Write the mis-decoded copies of fixtures/fr/android/mojibake_clean.txt.

What other tools do to an export: read its UTF-8 bytes with a legacy code page
and write the chars back as UTF-8. Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90
and 0x9D undefined; sloppy decoders pass them through as U+0081..., and so do
we. Only bytes change: every line keeps its line number.

Each copy's .json is the clean one's with only `encoding_repair` set: after
repair the parser must give exactly the messages of the clean file.

Run from the repository root: python3 tools/make_mojibake.py
"""

import json
import pathlib

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "fr" / "android"
CLEAN = "mojibake_clean"
COPIES = {"mac_roman": "mac_roman", "windows_1252": "cp1252"}


def misdecode(data: bytes, codec: str) -> str:
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            # Only Windows-1252's five holes get here.
            chars.append(chr(byte))
    return "".join(chars)


def main():
    clean_bytes = (FIXTURES / f"{CLEAN}.txt").read_bytes()
    clean_json = json.loads((FIXTURES / f"{CLEAN}.json").read_text(encoding="utf-8"))
    for name, codec in COPIES.items():
        broken = misdecode(clean_bytes, codec)
        assert broken.count("\n") == clean_bytes.count(b"\n")
        (FIXTURES / f"mojibake_{name}.txt").write_bytes(broken.encode("utf-8"))
        expected = json.loads(json.dumps(clean_json))
        expected["profile"]["encoding_repair"] = name
        text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
        (FIXTURES / f"mojibake_{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
