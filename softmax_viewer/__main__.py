from softmax_viewer.cli import main

raise SystemExit(main())
