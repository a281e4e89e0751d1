from closeness_quiz.launch import main

main()
