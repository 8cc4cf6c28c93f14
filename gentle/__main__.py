from gentle.launch import main

main()
