from accord.entry import main

main()
