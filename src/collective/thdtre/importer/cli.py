"""``thdtre-parse FILE``: the parser on the command line, for editors and
scripts that want to see what an import would read, without a Plone site."""

from collective.thdtre.importer.parse import MAX_BYTES
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError

import argparse
import json
import sys


def main(argv=None) -> int:
    """Print the parse of FILE as JSON; exit 1 on a file that cannot be read."""
    parser = argparse.ArgumentParser(prog="thdtre-parse", description=main.__doc__)
    parser.add_argument("file")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    args = parser.parse_args(argv)
    try:
        with open(args.file, "rb") as stream:
            data = stream.read()
        result = parse_document(args.file, data, max_bytes=args.max_bytes)
    except ParseError as error:
        print(f"{args.file}: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.file}: {error.strerror}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
