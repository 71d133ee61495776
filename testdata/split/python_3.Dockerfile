FROM python:3.10
COPY requirements.txt /tmp/
RUN pip install --user --no-cache-dir -r /tmp/requirements.txt
COPY bot.py /opt/bot/bot.py
WORKDIR /opt/bot
CMD ["python", "bot.py"]
