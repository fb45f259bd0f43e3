"""official/ serves the page, the PDF, the .docx and the parser: it imports no Plone."""

import subprocess
import sys


def test_official_imports_nothing_of_plone_or_zope_components():
    code = (
        "import sys\n"
        "import collective.thdtre.official.document, collective.thdtre.official.html\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('plone', 'Products', 'Zope2', 'OFS', 'zope') and m != 'zope'"
        " and not m.startswith('zope.i18nmessageid')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
