"""Installer for the collective.thdtre package."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.md").read_text(encoding="utf-8"),
    ]
)


setup(
    name="collective.thdtre",
    version="1.0.0.dev0",
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
        "Programming Language :: Python :: 3.11",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Natural Language :: Vietnamese",
    ],
    keywords="Python Plone CMS Vietnam children action month",
    author="collective.thdtre developers",
    author_email="collective@plone.org",
    url="https://github.com/collective/collective.thdtre",
    license="GPL version 2",
    packages=find_packages("src"),
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
    ],
    extras_require={
        "test": [
            "i18ndude",
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
    thdtre-parse = collective.thdtre.importer.parse:main
    """,
)
