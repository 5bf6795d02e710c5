import sys

from formcheck_synth.cli import main

sys.exit(main())
