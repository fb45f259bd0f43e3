"""Installer for the collective.thdtre package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup

import re


# The version lives in one place: src/collective/thdtre/__init__.py.
VERSION = re.search(
    r'^__version__ = "([^"]+)"',
    Path("src/collective/thdtre/__init__.py").read_text(encoding="utf-8"),
    re.M,
).group(1)


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.md").read_text(encoding="utf-8"),
    ]
)


setup(
    name="collective.thdtre",
    version=VERSION,
    description=(
        "Action Month for Children (Tháng hành động vì trẻ em) plans, activities, "
        "slogans and results reports for Vietnamese government Plone sites."
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.11",
        "Intended Audience :: Government",
        "Topic :: Internet :: WWW/HTTP :: Dynamic Content",
        "Operating System :: OS Independent",
        "Natural Language :: Vietnamese",
    ],
    keywords="Python Plone CMS Vietnam children action month",
    author="collective.thdtre developers",
    author_email="collective@plone.org",
    url="https://github.com/collective/collective.thdtre",
    project_urls={
        "Source": "https://github.com/collective/collective.thdtre",
        "Issues": "https://github.com/collective/collective.thdtre/issues",
        "Changelog": (
            "https://github.com/collective/collective.thdtre/blob/main/CHANGES.md"
        ),
    },
    license_expression="GPL-2.0-only",
    license_files=["LICENSE"],
    # src/collective is a PEP 420 namespace (no __init__.py): find_packages
    # would find nothing and the wheel would hold no code.
    packages=find_namespace_packages(
        "src", include=["collective.thdtre", "collective.thdtre.*"]
    ),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "plone.app.relationfield",
        "plone.app.caching",
        "plone.app.contenttypes",
        "plone.cachepurging",
        "z3c.caching",
        "plone.classicui",
        "z3c.form",
        "z3c.relationfield",
        "python-docx",
        "pypdf",
        "openpyxl",
        "trafilatura",
        # The plan as PDF (exporter/pdf.py); needs Debian's pango
        # (scripts/ensure_pango.sh).
        "weasyprint",
        # What trafilatura's justext asks for as lxml[html_clean]: named here
        # too, because buildout does not match the extra's normalised name.
        "lxml_html_clean",
        "pyHanko",
        "pyhanko-certvalidator",
    ],
    extras_require={
        "test": [
            # axe-core (its axe.min.js) for the accessibility browser tests.
            "axe-playwright-python",
            "hypothesis",
            "i18ndude",
            "twine",
            "plone.app.testing",
            "playwright",
            "plone.restapi[test]",
            "psycopg2-binary",
            "pytest",
            "pytest-plone",
            "requests",
            "RelStorage",
            "ruff",
            "zope.testbrowser",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone

    [console_scripts]
    thdtre-parse = collective.thdtre.importer.cli:main
    thdtre-ingest = collective.thdtre.counters.ingest_cli:main
    """,
)
