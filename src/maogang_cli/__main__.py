from maogang_cli.cli import main

main()
