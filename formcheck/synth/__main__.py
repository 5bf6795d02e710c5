import sys

from formcheck.synth.cli import main

sys.exit(main())
