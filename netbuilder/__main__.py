"""``python -m netbuilder`` is the ``netbuilder`` command."""

from netbuilder.cli import main

raise SystemExit(main())
