from metropoles.cli import main

main()
