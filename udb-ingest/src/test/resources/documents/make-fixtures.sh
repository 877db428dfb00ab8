#!/usr/bin/env bash
# Makes the document fixtures of the Tika ingest tests with real tools. The generated files are
# committed, so tests and CI never need these tools; rerun this after changing the source texts.
#
# Needs (Debian): libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui qpdf
# python3 python3-uno. Run from anywhere: ./make-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export HOME="$work/home"   # a private LibreOffice profile, so no running instance is reused
mkdir -p "$HOME"

soffice_convert() { # <filter> <input> : writes next to the input in $work/out
  soffice --headless --norestore --convert-to "$1" --outdir "$work/out" "$2" >/dev/null 2>&1
}
mkdir -p out

# 1. The text document: a flat ODF file (LibreOffice's own XML) carrying the title and author.
cp "$here/source/field-notes.fodt" field-notes.fodt
for target in docx odt pdf rtf "html:HTML (StarWriter)" "txt:Text (encoded):UTF8"; do
  soffice_convert "$target" field-notes.fodt
done
mv out/field-notes.html out/field-notes.html.tmp && mv out/field-notes.html.tmp out/field-notes.html

# 2. A spreadsheet: the first rows of the Seattle weather data (testdata/), CSV -> XLSX and ODS.
head -n 13 "$here/../../../../../testdata/seattle-weather.csv" > weather.csv
soffice --headless --norestore --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir out \
  weather.csv >/dev/null 2>&1
soffice --headless --norestore --infilter="CSV:44,34,76,1" --convert-to ods --outdir out \
  weather.csv >/dev/null 2>&1

# 3. A presentation: a flat ODF presentation -> PPTX and ODP.
cp "$here/source/briefing.fodp" briefing.fodp
soffice_convert pptx briefing.fodp
soffice_convert odp briefing.fodp

# 4. An encrypted PDF (AES-256, user password "udb-secret") made by qpdf from the real PDF.
qpdf --encrypt udb-secret udb-owner 256 -- out/field-notes.pdf out/encrypted.pdf
# ... and an encrypted ODT, saved with a password through LibreOffice's UNO API.
/usr/bin/python3 "$here/source/encrypt.py" field-notes.fodt out/encrypted.odt writer8 udb-secret

# 5. A corrupt PDF: the real PDF cut off after its first 1,500 bytes.
head -c 1500 out/field-notes.pdf > out/truncated.pdf

# 6. A zip-bomb-like DOCX: the real DOCX with its body replaced by ~100 MB of one repeated
#    paragraph, which deflates to a few hundred KB.
python3 - "$work/out/field-notes.docx" "$work/out/bomb.docx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
para = '<w:p><w:r><w:t>' + 'All work and no play makes a very large document. ' * 20 + '</w:t></w:r></w:p>'
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'word/document.xml':
            text = data.decode('utf-8')
            head, _, rest = text.partition('<w:body>')
            tail = rest[rest.rfind('<w:sectPr'):] if '<w:sectPr' in rest else '</w:body></w:document>'
            with zout.open(item.filename, 'w', force_zip64=True) as out:
                out.write((head + '<w:body>').encode('utf-8'))
                chunk = (para * 100).encode('utf-8')
                for _ in range(1000):
                    out.write(chunk)
                out.write(tail.encode('utf-8'))
        else:
            zout.writestr(item, data)
PY

# 7. Markdown and e-mail are plain text formats: copied as written (source/).
cp "$here/source/field-notes.md" out/field-notes.md
cp "$here/source/letter.eml" out/letter.eml

rm -f "$here"/generated/*
mkdir -p "$here/generated"
cp out/* "$here/generated/"
ls -l "$here/generated"
