#!/bin/sh
# Regenerate the Qt translations of the GUI.
#   1. pyside6-lupdate collects every tr()/translate() text of netbuilder/gui and
#      netbuilder/app.py into netbuilder_ru.ts (texts no longer in the code are dropped);
#   2. translate the new entries (Qt Linguist, or edit the <translation> elements);
#   3. pyside6-lrelease compiles the .ts into the netbuilder_ru.qm the app loads.
# Core texts (problems, CLI) are not Qt texts: they live in netbuilder/core/messages_ru.py.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PYSIDE6_BIN:-$root/.venv/bin}
cd "$root"
for lang in ru; do
    ts="resources/translations/netbuilder_$lang.ts"
    "$bin/pyside6-lupdate" -extensions py -no-obsolete -locations relative \
        -target-language "$lang" netbuilder/gui netbuilder/app.py -ts "$ts"
    "$bin/pyside6-lrelease" "$ts" -qm "resources/translations/netbuilder_$lang.qm"
done
