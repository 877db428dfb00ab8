"""Saves a document with a password through LibreOffice's UNO API (run by make-fixtures.sh).

Usage: /usr/bin/python3 encrypt.py <input> <output> <filter> <password>

Works for ODF filters (writer8). LibreOffice 7.4's OOXML export ignores a Password given this
way and fails when handed EncryptionData, so the fixtures have no encrypted DOCX.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    src, dst, filter_name, password = sys.argv[1:5]
    pipe = "udb_fixtures_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--invisible",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(dst)),
            (prop("FilterName", filter_name), prop("Password", password)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
