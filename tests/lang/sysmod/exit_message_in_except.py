# sys.exit('msg') raised while handling an exception prints only the message.
import sys
def main():
    try:
        int('not a number')
    except ValueError as e:
        sys.exit(f'error: {e}')
main()
