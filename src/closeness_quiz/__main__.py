from closeness_quiz.cli import main

main()
