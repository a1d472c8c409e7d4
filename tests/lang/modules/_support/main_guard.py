def main():
    print('main() of main_guard ran')
print('main_guard imported, __name__ =', __name__)
if __name__ == '__main__':
    main()
